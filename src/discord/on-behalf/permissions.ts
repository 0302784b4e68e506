import { PermissionFlagsBits, type PermissionsBitField } from 'discord.js';

interface NeededPermission {
  bit: bigint;
  /** As Discord's settings name it, so an admin can find it. */
  name: string;
}

const VIEW_CHANNEL = { bit: PermissionFlagsBits.ViewChannel, name: 'View Channel' };
const SEND_MESSAGES = { bit: PermissionFlagsBits.SendMessages, name: 'Send Messages' };
const READ_MESSAGE_HISTORY = { bit: PermissionFlagsBits.ReadMessageHistory, name: 'Read Message History' };
const EMBED_LINKS = { bit: PermissionFlagsBits.EmbedLinks, name: 'Embed Links' };

/**
 * `for:` posts through the interaction response, which Discord allows anywhere; the bot still asks for what a
 * public post there needs, so a channel where the server does not let it post gets no answers from it.
 */
export const POST_FOR_SOMEONE: readonly NeededPermission[] = [VIEW_CHANNEL, SEND_MESSAGES];

/** A reply is a channel message the bot sends itself: Discord refuses it without these, or drops its embeds. */
export const REPLY_TO_MESSAGE: readonly NeededPermission[] = [
  VIEW_CHANNEL,
  SEND_MESSAGES,
  READ_MESSAGE_HISTORY,
  EMBED_LINKS,
];

/** The names of the needed permissions the bot lacks in the interaction's channel (none outside servers). */
export function missingPermissions(
  granted: Readonly<PermissionsBitField> | null,
  needed: readonly NeededPermission[],
): string[] {
  if (!granted) return [];
  return needed.filter((p) => !granted.has(p.bit)).map((p) => p.name);
}

/** What the helper is told, privately, when the bot may not post in the channel. */
export function missingPermissionsText(missing: readonly string[]): string {
  const names = missing.map((name) => `**${name}**`);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0];
  const plural = names.length > 1 ? 'permissions' : 'permission';
  return (
    `I can't post that here: I don't have the ${list} ${plural} in this channel. ` +
    `Nothing was sent. A server admin can give me ${names.length > 1 ? 'them' : 'it'} in the channel's ` +
    'permissions or on my role.'
  );
}
