import type { ChatInputCommandInteraction, User } from 'discord.js';
import { replyText } from '../respond.ts';
import { missingPermissions, missingPermissionsText, POST_FOR_SOMEONE } from './permissions.ts';

/** The `for` option's user, or null without one; `refused` once the helper has been told why not. */
export type Recipient = { user: User | null } | { refused: true };

export const FOR_A_BOT =
  "`for` sends the answer to a person, and that's a bot. Pick the person who asked, or leave `for` out.";
export const FOR_AND_PRIVATE =
  "`private` and `for` don't go together: `for` posts the answer in the channel for that person. " +
  'Leave out `private` to send it to them, or `for` to read it yourself first.';
export const FOR_OUTSIDE_A_SERVER =
  '`for` works in a server channel, where the person you pick can see the answer. Here, ask without it.';

/** Reads and checks `for:<user>` before anything is asked or counted against the helper's cooldown. */
export async function readRecipient(
  interaction: ChatInputCommandInteraction,
  { isPrivate = false } = {},
): Promise<Recipient> {
  const user = interaction.options.getUser('for');
  if (!user) return { user: null };
  const refusal = !interaction.inGuild()
    ? FOR_OUTSIDE_A_SERVER
    : user.bot
      ? FOR_A_BOT
      : isPrivate
        ? FOR_AND_PRIVATE
        : undefined;
  const missing = missingPermissions(interaction.appPermissions, POST_FOR_SOMEONE);
  const text = refusal ?? (missing.length > 0 ? missingPermissionsText(missing) : undefined);
  if (!text) return { user };
  await replyText(interaction, text);
  return { refused: true };
}
