import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../../src/discord/context.ts';
import { renderSources } from '../../src/discord/render/answer.ts';
import { reply, replyText } from '../../src/discord/respond.ts';
import { entryFromOption, NO_ENTRY_TEXT } from './entry-option.ts';

/** /oxytocin sources entry:<id> */
export async function sources(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const entry = entryFromOption(interaction, ctx);
  if (!entry) return replyText(interaction, NO_ENTRY_TEXT);
  await reply(interaction, renderSources(entry, ctx.kb));
}
