import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../../src/discord/context.ts';
import { renderEntry } from '../../src/discord/render/answer.ts';
import { reply, replyText } from '../../src/discord/respond.ts';
import { entryFromOption, NO_ENTRY_TEXT } from './entry-option.ts';

/** /oxytocin topic entry:<id> */
export async function topic(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const entry = entryFromOption(interaction, ctx);
  if (!entry) return replyText(interaction, NO_ENTRY_TEXT);
  await reply(interaction, renderEntry(entry, ctx.kb));
}
