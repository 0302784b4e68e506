import {
  confidenceOf,
  createHybridEngine,
  DEFAULT_HYBRID_OPTIONS,
  type HybridOptions,
  type Signals,
} from '../../src/engine/hybrid.ts';
import { loadKnowledgeBase } from '../../src/knowledge/index.ts';
import { loadCases } from './evaluate.ts';

/**
 * `npx tsx tests/eval/tune.ts`: how the ranking does before any decision, and which decision thresholds would
 * meet the floors. Tunes on the even-numbered cases (dev) and reports the odd-numbered ones (test) beside them,
 * so a threshold that only fits the cases it was chosen on shows up as a gap.
 */
const { kb } = await loadKnowledgeBase(process.env.KNOWLEDGE_DIR ?? 'knowledge');
if (!kb) throw new Error('knowledge base invalid');
const cases = loadCases();

if (process.argv[2] === '--search') {
  // Random search over ranking parameters, scored by dev top-1; the test split is printed beside it.
  const rounds = Number(process.argv[3] ?? 40);
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const results: { o: Partial<HybridOptions>; dev: number; test: number }[] = [];
  for (let r = 0; r < rounds; r++) {
    const p = pick([0.3, 0.45, 0.55, 0.65, 0.8]);
    const c = pick([0.1, 0.2, 0.3]);
    const o: Partial<HybridOptions> = {
      fieldWeights: {
        title: pick([2, 3, 4]),
        questions: pick([1.5, 2, 3]),
        keywords: pick([1, 2, 3]),
        body: pick([0.5, 1, 1.5]),
      },
      k1: pick([0.9, 1.2, 1.6]),
      b: pick([0.3, 0.6, 0.75]),
      queryShare: pick([0.25, 0.35, 0.45, 0.55, 0.7]),
      blend: { phrasing: p, coverage: c, bm25: Math.max(0, 1 - p - c) },
      bigrams: pick([true, false]),
      idfFloor: pick([0, 0.03, 0.06]),
    };
    const e = createHybridEngine(kb, o);
    const top1 = (split: number) => {
      const ins = cases.filter((cs, i) => i % 2 === split && cs.expect.length > 0);
      return ins.filter((cs) => cs.expect.includes(e.rank(cs.q)[0]?.id ?? '')).length / ins.length;
    };
    results.push({ o, dev: top1(0), test: top1(1) });
  }
  results.sort((a, b) => b.dev - a.dev);
  for (const r of results.slice(0, 5))
    console.log(`dev ${(100 * r.dev).toFixed(1)} test ${(100 * r.test).toFixed(1)} ${JSON.stringify(r.o)}`);
  process.exit(0);
}

const overrides = JSON.parse(
  (process.argv[2] === '--fit' ? process.argv[3] : process.argv[2]) ?? '{}',
) as Partial<HybridOptions>;
const engine = createHybridEngine(kb, overrides);

interface Row {
  split: 0 | 1;
  inScope: boolean;
  top1: boolean;
  top3: boolean;
  signals?: Signals;
}
const rows: Row[] = cases.map((c, i) => {
  const ranked = engine.rank(c.q);
  return {
    split: (i % 2) as 0 | 1,
    inScope: c.expect.length > 0,
    top1: !!ranked[0] && c.expect.includes(ranked[0].id),
    top3: ranked.slice(0, 3).some((r) => c.expect.includes(r.id)),
    signals: engine.signals(c.q),
  };
});
const f = (x: number) => `${(100 * x).toFixed(1)}%`;
for (const split of [0, 1] as const) {
  const ins = rows.filter((r) => r.split === split && r.inScope);
  console.log(
    `${split ? 'test' : 'dev '}: top-1 ${f(ins.filter((r) => r.top1).length / ins.length)}  top-3 ${f(ins.filter((r) => r.top3).length / ins.length)}  (n=${ins.length})`,
  );
}

const KEYS = Object.keys(DEFAULT_HYBRID_OPTIONS.calibration.weights) as (keyof Signals)[];
let calibration = overrides.calibration ?? DEFAULT_HYBRID_OPTIONS.calibration;
if (process.argv[2] === '--fit') {
  // Logistic regression, label = "the top entry is a right answer" (out-of-scope questions: never).
  const train = rows.filter((r) => r.split === 0 && r.signals);
  let bias = 0;
  const w: Record<string, number> = Object.fromEntries(KEYS.map((k) => [k, 0]));
  for (let epoch = 0; epoch < 4000; epoch++) {
    let gb = 0;
    const g: Record<string, number> = Object.fromEntries(KEYS.map((k) => [k, 0]));
    for (const r of train) {
      const x = r.signals as Signals;
      const p = 1 / (1 + Math.exp(-(bias + KEYS.reduce((z, k) => z + (w[k] as number) * x[k], 0))));
      const err = p - (r.inScope && r.top1 ? 1 : 0);
      gb += err;
      for (const k of KEYS) g[k] = (g[k] as number) + err * x[k];
    }
    bias -= (0.5 * gb) / train.length;
    for (const k of KEYS)
      w[k] = (w[k] as number) - 0.5 * ((g[k] as number) / train.length + 0.001 * (w[k] as number));
  }
  const round = (x: number) => Math.round(x * 100) / 100;
  calibration = {
    bias: round(bias),
    weights: Object.fromEntries(KEYS.map((k) => [k, round(w[k] as number)])) as Record<keyof Signals, number>,
  };
  console.log(`calibration: ${JSON.stringify(calibration)}`);
}

const measure = (split: 0 | 1, answerAt: number) => {
  const sel = rows.filter((r) => r.split === split);
  const ins = sel.filter((r) => r.inScope);
  const oos = sel.filter((r) => !r.inScope);
  const answered = (r: Row) => !!r.signals && confidenceOf(r.signals, calibration) >= answerAt;
  return {
    correct: ins.filter((r) => answered(r) && r.top1).length / ins.length,
    wrong: ins.filter((r) => answered(r) && !r.top1).length / ins.length,
    rejected: oos.filter((r) => !answered(r)).length / oos.length,
  };
};
for (let answerAt = 0.3; answerAt <= 0.95; answerAt += 0.05) {
  const d = measure(0, answerAt);
  const t = measure(1, answerAt);
  console.log(
    `answerAt=${answerAt.toFixed(2)}  dev: correct ${f(d.correct)} wrong ${f(d.wrong)} oos ${f(d.rejected)}  | test: correct ${f(t.correct)} wrong ${f(t.wrong)} oos ${f(t.rejected)}`,
  );
}
