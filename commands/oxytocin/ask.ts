import type { ChatInputCommandInteraction } from 'discord.js';
import { askEngine } from '../../src/discord/ask-engine.ts';
import type { BotContext } from '../../src/discord/context.ts';
import { answerFor } from '../../src/discord/on-behalf/for-user.ts';
import { readRecipient } from '../../src/discord/on-behalf/recipient.ts';
import { recordQuestion } from '../../src/discord/record.ts';
import { renderResult } from '../../src/discord/render/answer.ts';
import { passCooldown, reply } from '../../src/discord/respond.ts';

/** /oxytocin ask question:<text> [private:<bool>] [for:<user>] */
export async function ask(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const privateOption = interaction.options.getBoolean('private');
  const recipient = await readRecipient(interaction, { isPrivate: privateOption ?? false });
  if ('refused' in recipient) return;
  if (!(await passCooldown(interaction, ctx))) return;
  const question = interaction.options.getString('question', true);
  // A server may make answers private by default; `private:false` still answers in the channel.
  const isPrivate = privateOption ?? ctx.server.privateDefault;
  const result = askEngine(ctx, question, 'slash');
  try {
    if (recipient.user) await answerFor(interaction, ctx, recipient.user, result, question);
    else
      await reply(interaction, renderResult(result, ctx.kb, { question, shareable: isPrivate }), {
        ephemeral: isPrivate,
      });
  } finally {
    recordQuestion(ctx, 'slash', interaction.guildId, question, result);
  }
}
