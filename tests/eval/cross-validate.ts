import { createHybridEngine } from '../../src/engine/hybrid.ts';
import { loadKnowledgeBase } from '../../src/knowledge/index.ts';

/**
 * `npx tsx tests/eval/cross-validate.ts`: which entries the matcher confuses, from the knowledge base alone (no
 * evaluation case is read). Each fifth of every entry's alternate questions is held out in turn and asked of an
 * engine built from the rest; the output is the share routed back to its own entry, then the confused pairs,
 * most frequent first, with the questions that went astray: what a curator should make more distinct.
 */
const FOLDS = 5;
const { kb } = await loadKnowledgeBase(process.env.KNOWLEDGE_DIR ?? 'knowledge');
if (!kb) throw new Error('knowledge base invalid; run npm run kb:check');

const confusions = new Map<string, string[]>();
let asked = 0;
let right = 0;
for (let fold = 0; fold < FOLDS; fold++) {
  const held: { q: string; id: string }[] = [];
  const entries = kb.entries.map((e) => ({
    ...e,
    questions: e.questions.filter((q, i) => {
      // Offset by the id's length so each entry's held-out fifth starts at a different position.
      const out = (i + e.id.length) % FOLDS === fold;
      if (out) held.push({ q, id: e.id });
      return !out;
    }),
  }));
  const engine = createHybridEngine({ ...kb, entries });
  for (const { q, id } of held) {
    asked++;
    const top = engine.rank(q)[0]?.id ?? '(nothing)';
    if (top === id) right++;
    else confusions.set(`${id} -> ${top}`, [...(confusions.get(`${id} -> ${top}`) ?? []), q]);
  }
}
console.log(
  `held-out questions routed to their own entry: ${((100 * right) / asked).toFixed(1)}% of ${asked}`,
);
for (const [pair, qs] of [...confusions].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`${qs.length} ${pair}: ${qs.join(' | ')}`);
}
