import { phrasingsOf } from '../knowledge/phrasings.ts';
import { normalizeQuestion } from '../knowledge/rules.ts';
import type { KnowledgeBase } from '../knowledge/types.ts';
import { shellQuote, terminalText } from './terminal-text.ts';
import type { PickSummary } from './types.ts';

/**
 * `npm run report -- --picks [--min N]`: one `kb:add-question` command per pick seen at least `min` times,
 * for a curator to review and run. Picks whose question some entry already has, or whose entry is gone, are
 * left out (kb:add-question would refuse them). Nothing here edits the knowledge base.
 */
export function picksCommands(picked: PickSummary[], kb: KnowledgeBase, min: number): string {
  const known = new Set(kb.entries.flatMap((e) => [e.title, ...phrasingsOf(e)].map(normalizeQuestion)));
  const ids = new Set(kb.entries.map((e) => e.id));
  const frequent = picked.filter((p) => p.count >= min);
  const ready = frequent.filter((p) => ids.has(p.entryId) && !known.has(normalizeQuestion(p.question)));
  const lines = [
    `# ${ready.length} pick${ready.length === 1 ? '' : 's'} seen at least ${min} time${min === 1 ? '' : 's'}${
      frequent.length > ready.length
        ? ` (${frequent.length - ready.length} left out: question already known, or entry gone)`
        : ''
    }.`,
    '# Review each one: does the question really ask what the entry answers? Then run it.',
    ...ready.map(
      (p) =>
        `npm run kb:add-question -- ${p.entryId} ${shellQuote(terminalText(p.question, 300))}   # picked ${p.count}×`,
    ),
  ];
  return lines.join('\n');
}
