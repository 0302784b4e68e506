import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../../src/discord/context.ts';
import { COOLDOWN_BOUNDS } from '../../src/settings/index.ts';
import { saveSetting, say } from './say.ts';

/** /oxytocin-admin private-default state:on|off */
export async function privateDefault(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
): Promise<void> {
  const on = interaction.options.getString('state', true) === 'on';
  await saveSetting(
    interaction,
    ctx,
    (s) => ({ ...s, privateDefault: on }),
    () =>
      on
        ? 'Private by default: on. `/oxytocin ask` now answers only the person asking, unless they add `private:false`.'
        : 'Private by default: off. `/oxytocin ask` answers in the channel, unless someone adds `private:true`.',
  );
}

const RECORDING_SAYS = {
  all: 'Recording: all. The questions asked here are kept (never who asked), with the Helpful / Not helpful clicks and the picks, so curators can improve the answers.',
  unanswered:
    'Recording: unanswered. Only the questions I could not answer are kept (never who asked), with the clicks and the picks.',
  off: 'Recording: off. Nothing asked in this server is kept from now on.',
} as const;

/** /oxytocin-admin recording mode:all|unanswered|off (this server's RECORD_QUESTIONS) */
export async function recording(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const mode = interaction.options.getString('mode', true);
  if (mode !== 'all' && mode !== 'unanswered' && mode !== 'off')
    throw new Error(`unknown recording mode ${mode}`);
  await saveSetting(
    interaction,
    ctx,
    (s) => ({ ...s, recordQuestions: mode }),
    () => RECORDING_SAYS[mode],
  );
}

/** /oxytocin-admin cooldown questions:<n> seconds:<n> */
export async function cooldown(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const questions = interaction.options.getInteger('questions', true);
  const seconds = interaction.options.getInteger('seconds', true);
  const { questions: q, seconds: sec } = COOLDOWN_BOUNDS;
  // Discord enforces the option bounds; a server can still send anything through the API, so check again.
  if (questions < q.min || questions > q.max || seconds < sec.min || seconds > sec.max) {
    await say(interaction, boundsText());
    return;
  }
  await saveSetting(
    interaction,
    ctx,
    (s) => ({ ...s, cooldown: { questions, seconds } }),
    () =>
      `Cooldown: each person may ask ${questions} question${questions === 1 ? '' : 's'} every ${seconds} s here.`,
  );
}

export function boundsText(): string {
  const { questions: q, seconds: s } = COOLDOWN_BOUNDS;
  return `The cooldown takes ${q.min}-${q.max} questions in ${s.min}-${s.max} seconds; nothing changed.`;
}
