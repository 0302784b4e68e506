import {
  type APIMessage,
  DiscordAPIError,
  type MessageContextMenuCommandInteraction,
  Routes,
  type StringSelectMenuInteraction,
} from 'discord.js';
import type { Entry } from '../../knowledge/types.ts';
import type { BotContext } from '../context.ts';
import { renderEntry } from '../render/answer.ts';
import { sentBy } from '../render/on-behalf.ts';
import { PING_REPLIED_AUTHOR_ONLY, type Reply } from '../render/reply.ts';
import { replyText, update } from '../respond.ts';
import { missingPermissions, missingPermissionsText, REPLY_TO_MESSAGE } from './permissions.ts';

/** The message a helper answers: where it is, and who wrote it. */
export interface ReplyTarget {
  guildId: string;
  channelId: string;
  messageId: string;
}

export type Posted = { sent: true; url: string } | { sent: false; problem: string };

export const TARGET_GONE = 'That message was deleted, so nothing was sent.';

/**
 * Posts an answer in the channel as a reply to the target message, pinging its author and nobody else. An
 * interaction response cannot reply to another message, so this is a channel message the bot sends itself
 * (through REST, which works the same over the gateway and the HTTP endpoint). Discord's refusals the helper
 * can act on come back as a `problem`; anything else throws.
 */
export async function postReply(
  interaction: MessageContextMenuCommandInteraction | StringSelectMenuInteraction,
  ctx: BotContext,
  target: ReplyTarget,
  message: Reply,
): Promise<Posted> {
  const body = {
    content: message.content,
    embeds: message.embeds,
    components: message.components,
    allowed_mentions: PING_REPLIED_AUTHOR_ONLY,
    message_reference: { message_id: target.messageId, fail_if_not_exists: true },
  };
  try {
    const sent = (await interaction.client.rest.post(Routes.channelMessages(target.channelId), {
      body,
    })) as APIMessage;
    return { sent: true, url: messageUrl({ ...target, messageId: sent.id }) };
  } catch (error) {
    const problem = problemOf(error);
    if (!problem) throw error;
    ctx.logger.warn(
      { err: error, channelId: target.channelId, messageId: target.messageId, interactionId: interaction.id },
      'could not post a reply for a helper',
    );
    return { sent: false, problem };
  }
}

/** What the helper sees once the reply is posted (privately). */
export function sentText(url: string): string {
  return `Sent as a reply: ${url}`;
}

/** A pick from the private "did you mean" of "Reply with Oxytocin Bot": posts that entry as the reply. */
export async function pickReply(
  interaction: StringSelectMenuInteraction,
  ctx: BotContext,
  entry: Entry,
  messageId: string,
): Promise<void> {
  if (!interaction.inGuild()) return replyText(interaction, TARGET_GONE);
  const missing = missingPermissions(interaction.appPermissions, REPLY_TO_MESSAGE);
  if (missing.length > 0) return replyText(interaction, missingPermissionsText(missing));
  const target = { guildId: interaction.guildId, channelId: interaction.channelId, messageId };
  const posted = await postReply(
    interaction,
    ctx,
    target,
    sentBy(renderEntry(entry, ctx.kb), interaction.user.id),
  );
  if (!posted.sent) return replyText(interaction, posted.problem);
  // The menu becomes the receipt, so the same answer cannot be posted twice by accident.
  await update(interaction, { content: sentText(posted.url), embeds: [], components: [] });
}

function messageUrl(target: ReplyTarget): string {
  return `https://discord.com/channels/${target.guildId}/${target.channelId}/${target.messageId}`;
}

// https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes
const UNKNOWN_MESSAGE = 10008;
const MISSING_ACCESS = 50001;
const MISSING_PERMISSIONS = 50013;
const INVALID_FORM_BODY = 50035;

function problemOf(error: unknown): string | undefined {
  if (!(error instanceof DiscordAPIError)) return undefined;
  if (error.code === UNKNOWN_MESSAGE) return TARGET_GONE;
  // A reply to a message that no longer exists is refused as an invalid message_reference.
  if (error.code === INVALID_FORM_BODY && JSON.stringify(error.rawError).includes('message_reference')) {
    return TARGET_GONE;
  }
  if (error.code === MISSING_ACCESS || error.code === MISSING_PERMISSIONS) {
    return "Discord refused the reply: I'm missing a permission in this channel (View Channel, Send Messages or Read Message History). Nothing was sent.";
  }
  return undefined;
}
