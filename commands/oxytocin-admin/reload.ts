import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../../src/discord/context.ts';
import { clip } from '../../src/discord/render/limits.ts';
import { say } from './say.ts';

/** Leaves room in the 2,000-character message for the lines around the problems. */
const PROBLEMS_CHARS = 1500;

/** /oxytocin-admin reload: reload the knowledge base now and say what happened. */
export async function reload(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  if (!ctx.reloader) {
    await say(interaction, 'This bot serves a fixed knowledge base; there is nothing to reload.');
    return;
  }
  const outcome = await ctx.reloader.reload('/oxytocin-admin reload');
  const { hash, kb } = ctx.knowledge.current;
  const serving = `${kb.entries.length} entries, hash \`${hash}\``;
  if (outcome === 'reloaded') {
    await say(interaction, `Reloaded the knowledge base: ${serving}.`);
    return;
  }
  if (outcome === 'unchanged') {
    await say(interaction, `Nothing changed on disk; still serving ${serving}.`);
    return;
  }
  const problems = ctx.reloader.problems();
  await say(
    interaction,
    `Reload refused: still serving the last good knowledge (${serving}). ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n\`\`\`\n${clip(problems.join('\n').replaceAll('```', "'''"), PROBLEMS_CHARS)}\n\`\`\``,
  );
}
