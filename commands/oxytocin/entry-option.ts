import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../../src/discord/context.ts';
import type { Entry } from '../../src/knowledge/types.ts';

/**
 * The entry named by the `entry` option: its id (an autocomplete pick) or, when the user typed free text and
 * did not pick, the entry the engine finds for that text.
 */
export function entryFromOption(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
): Entry | undefined {
  const value = interaction.options.getString('entry', true).trim();
  const byId = ctx.kb.entries.find((e) => e.id === value);
  if (byId) return byId;
  const result = ctx.engine.ask(value);
  return result.answer ? ctx.kb.entries.find((e) => e.id === result.answer?.id) : undefined;
}

export const NO_ENTRY_TEXT =
  "I couldn't find that entry. Start typing and pick one from the list, or browse with `/oxytocin topics`.";
