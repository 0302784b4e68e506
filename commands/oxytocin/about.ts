import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../../src/discord/context.ts';
import { renderAbout } from '../../src/discord/render/browse.ts';
import { reply } from '../../src/discord/respond.ts';

/** /oxytocin about */
export async function about(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  // What is kept here: the server's own recording setting, when it has one.
  const recordQuestions = ctx.server.recordQuestions ?? ctx.privacy.recordQuestions;
  await reply(interaction, renderAbout(ctx.kb, ctx.version, { ...ctx.privacy, recordQuestions }));
}
