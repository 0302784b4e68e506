import type { ChatInputCommandInteraction } from 'discord.js';
import { askEngine } from '../../src/discord/ask-engine.ts';
import type { BotContext } from '../../src/discord/context.ts';
import { recordQuestion } from '../../src/discord/record.ts';
import { renderResult } from '../../src/discord/render/answer.ts';
import { passCooldown, reply } from '../../src/discord/respond.ts';

/** /oxytocin ask question:<text> [private:<bool>] */
export async function ask(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  if (!(await passCooldown(interaction, ctx))) return;
  const question = interaction.options.getString('question', true);
  // A server may make answers private by default; `private:false` still answers in the channel.
  const isPrivate = interaction.options.getBoolean('private') ?? ctx.server.privateDefault;
  const result = askEngine(ctx, question, 'slash');
  try {
    await reply(interaction, renderResult(result, ctx.kb, { question, shareable: isPrivate }), {
      ephemeral: isPrivate,
    });
  } finally {
    recordQuestion(ctx, 'slash', interaction.guildId, question, result);
  }
}
