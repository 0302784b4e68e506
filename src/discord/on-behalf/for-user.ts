import type { ChatInputCommandInteraction, StringSelectMenuInteraction, User } from 'discord.js';
import type { AskResult } from '../../engine/types.ts';
import type { Entry } from '../../knowledge/types.ts';
import type { BotContext } from '../context.ts';
import { renderEntry, renderResult } from '../render/answer.ts';
import { sentBy } from '../render/on-behalf.ts';
import { pingOnly } from '../render/reply.ts';
import { reply, replyText } from '../respond.ts';
import { isConfident, notSureText } from './not-sure.ts';
import { missingPermissions, missingPermissionsText, POST_FOR_SOMEONE } from './permissions.ts';

/**
 * `/oxytocin ask ... for:<user>`: a confident answer is posted in the channel, beginning with the recipient's
 * mention and pinging only them. Otherwise nothing is posted: the helper sees the "did you mean" (or the
 * no-match) privately, and a pick posts that entry for the recipient.
 */
export async function answerFor(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
  recipient: User,
  result: AskResult,
  question: string,
): Promise<void> {
  if (isConfident(result, ctx.kb)) {
    const answer = renderResult(result, ctx.kb, { question });
    return reply(interaction, sentBy(answer, interaction.user.id, recipient.id), {
      allowedMentions: pingOnly(recipient.id),
    });
  }
  const shown = renderResult(result, ctx.kb, {
    question,
    pickAction: { action: 'pick-for', userId: recipient.id },
  });
  const lead = notSureText(result, `<@${recipient.id}>`, 'post it for them');
  await reply(interaction, { ...shown, content: lead }, { ephemeral: true });
}

/** `/oxytocin topic ... for:<user>`: the entry, posted for the recipient. */
export function entryFor(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
  recipient: User,
  entry: Entry,
): Promise<void> {
  return reply(interaction, sentBy(renderEntry(entry, ctx.kb), interaction.user.id, recipient.id), {
    allowedMentions: pingOnly(recipient.id),
  });
}

/** A pick from the private "did you mean" of a `for:` question: posts that entry for the recipient. */
export async function pickFor(
  interaction: StringSelectMenuInteraction,
  ctx: BotContext,
  entry: Entry,
  recipientId: string,
  question: string | undefined,
): Promise<void> {
  const missing = missingPermissions(interaction.appPermissions, POST_FOR_SOMEONE);
  if (missing.length > 0) return replyText(interaction, missingPermissionsText(missing));
  const answer = renderEntry(entry, ctx.kb, { question });
  await reply(interaction, sentBy(answer, interaction.user.id, recipientId), {
    allowedMentions: pingOnly(recipientId),
  });
}
