import { createHybridEngine, type HybridOptions } from '../../src/engine/hybrid.ts';
import { loadKnowledgeBase } from '../../src/knowledge/index.ts';
import { loadCases } from './evaluate.ts';

/**
 * `npx tsx tests/eval/tune.ts`: how the ranking does before any decision, and which decision thresholds would
 * meet the floors. Tunes on the even-numbered cases (dev) and reports the odd-numbered ones (test) beside them,
 * so a threshold that only fits the cases it was chosen on shows up as a gap.
 */
const { kb } = await loadKnowledgeBase('knowledge');
if (!kb) throw new Error('knowledge base invalid');
const cases = loadCases();
const overrides = JSON.parse(process.argv[2] ?? '{}') as Partial<HybridOptions>;
const engine = createHybridEngine(kb, overrides);

interface Row {
  split: 'dev' | 'test';
  inScope: boolean;
  top1: boolean;
  top3: boolean;
  score: number;
  lead: number;
}
const rows: Row[] = cases.map((c, i) => {
  const ranked = engine.rank(c.q);
  const [a, b] = ranked;
  const score = a?.score ?? 0;
  const lead = a ? (b ? (a.score - b.score) / a.score : 1) : 0;
  return {
    split: i % 2 === 0 ? 'dev' : 'test',
    inScope: c.expect.length > 0,
    top1: !!a && c.expect.includes(a.id),
    top3: ranked.slice(0, 3).some((r) => c.expect.includes(r.id)),
    score,
    lead,
  };
});
for (const split of ['dev', 'test'] as const) {
  const ins = rows.filter((r) => r.split === split && r.inScope);
  console.log(
    `${split}: top-1 ${((100 * ins.filter((r) => r.top1).length) / ins.length).toFixed(1)}%  top-3 ${((100 * ins.filter((r) => r.top3).length) / ins.length).toFixed(1)}%  (n=${ins.length})`,
  );
}
const measure = (split: string, answerAt: number, minLead: number) => {
  const conf = (r: Row) => r.score * Math.min(1, 0.6 + r.lead * 2);
  const sel = rows.filter((r) => r.split === split);
  const ins = sel.filter((r) => r.inScope);
  const oos = sel.filter((r) => !r.inScope);
  const answered = (r: Row) => conf(r) >= answerAt && r.lead >= minLead;
  return {
    correct: ins.filter((r) => answered(r) && r.top1).length / ins.length,
    wrong: ins.filter((r) => answered(r) && !r.top1).length / ins.length,
    rejected: oos.filter((r) => !answered(r)).length / oos.length,
  };
};
const grid: { answerAt: number; minLead: number; dev: ReturnType<typeof measure> }[] = [];
for (let answerAt = 0.2; answerAt <= 0.8; answerAt += 0.02) {
  for (let minLead = 0; minLead <= 0.3; minLead += 0.02) {
    grid.push({ answerAt, minLead, dev: measure('dev', answerAt, minLead) });
  }
}
const ok = grid
  .filter((g) => g.dev.wrong <= 0.03 && g.dev.rejected >= 0.95)
  .sort((a, b) => b.dev.correct - a.dev.correct);
for (const g of ok.slice(0, 5)) {
  const t = measure('test', g.answerAt, g.minLead);
  const f = (x: number) => `${(100 * x).toFixed(1)}%`;
  console.log(
    `answerAt=${g.answerAt.toFixed(2)} minLead=${g.minLead.toFixed(2)}  dev: correct ${f(g.dev.correct)} wrong ${f(g.dev.wrong)} oos ${f(g.dev.rejected)}  | test: correct ${f(t.correct)} wrong ${f(t.wrong)} oos ${f(t.rejected)}`,
  );
}
