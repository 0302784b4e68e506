import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import type { BotContext } from '../../src/discord/context.ts';
import { clip, DISCORD_LIMITS as L } from '../../src/discord/render/limits.ts';

/** For `question`: the value is the question text itself, so picking a choice asks it. */
export function questionChoices(
  partial: string,
  ctx: BotContext,
): ApplicationCommandOptionChoiceData<string>[] {
  return ctx.engine.suggest(partial, L.autocompleteChoices).map((s) => {
    const label = clip(s.label, L.choiceName);
    return { name: label, value: clip(s.label, L.choiceValue) };
  });
}

/** For `entry`: the value is the entry id. */
export function entryChoices(partial: string, ctx: BotContext): ApplicationCommandOptionChoiceData<string>[] {
  return ctx.engine
    .suggest(partial, L.autocompleteChoices)
    .map((s) => ({ name: clip(s.label, L.choiceName), value: s.id.slice(0, L.choiceValue) }));
}
