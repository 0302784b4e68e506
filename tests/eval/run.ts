import { createFuseEngine } from '../../src/engine/fuse-baseline.ts';
import { createHybridEngine } from '../../src/engine/index.ts';
import type { Engine } from '../../src/engine/types.ts';
import { loadKnowledgeBase } from '../../src/knowledge/index.ts';
import { type EvalReport, type EvalSet, evaluate, loadCases, pct, type Rates } from './evaluate.ts';

/**
 * `npm run eval`: answer quality of the engine next to plain fuse.js, on the tuning set (tests/eval/cases.yaml)
 * and the blind set (tests/eval/blind.yaml) side by side. `--failures` lists the engine's misses on the tuning
 * set only: the blind set is never looked at case by case, so nothing is tuned on it.
 */
const { kb, problems } = await loadKnowledgeBase('knowledge');
if (!kb) {
  console.error(`knowledge base has ${problems.length} problems; run npm run kb:check`);
  process.exit(1);
}
const engines: [string, Engine][] = [
  ['engine (hybrid)', createHybridEngine(kb)],
  ['fuse.js plain', createFuseEngine(kb)],
  ['fuse.js token search', createFuseEngine(kb, { tokenSearch: true })],
];
const sets: EvalSet[] = ['tuning', 'blind'];
const cases = Object.fromEntries(sets.map((s) => [s, loadCases(s)])) as Record<
  EvalSet,
  ReturnType<typeof loadCases>
>;
const runs = engines.flatMap(([name, engine]) =>
  sets.map((set) => ({ name, set, report: evaluate(engine, cases[set], kb) })),
);

const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
for (const set of sets) {
  const r = runs.find((x) => x.set === set)?.report as EvalReport;
  console.log(
    `${set} set: ${cases[set].length} cases (${r.inScope.n} in scope, ${r.outOfScope.n} out of scope)`,
  );
}
console.log('');

const columns: [string, (r: EvalReport) => string][] = [
  ['answered and correct', (r) => pct(r.inScope.correct, r.inScope.n)],
  ['wrong answer', (r) => pct(r.inScope.wrong, r.inScope.n)],
  ['abstain (in scope)', (r) => pct(r.inScope.abstain, r.inScope.n)],
  ['top-3 hit', (r) => pct(r.inScope.top3, r.inScope.n)],
  ['out-of-scope rejected', (r) => pct(r.outOfScope.rejected, r.outOfScope.n)],
  [
    'oxytocin + uncovered subject rejected',
    (r) => {
      const k = r.outOfScopeByKind.get('oxytocin-uncovered');
      return k ? pct(k.rejected, k.n) : '-';
    },
  ],
  [
    'medical advice answered outside safety',
    (r) => `${r.medicalAdvice.answeredOutsideSafety} of ${r.medicalAdvice.n}`,
  ],
  [
    'answers at confidence >= 0.8 right',
    (r) => `${pct(r.calibration.high.correct, r.calibration.high.n)} of ${r.calibration.high.n}`,
  ],
];
console.log(row(['engine', 'set', ...columns.map(([label]) => label)]));
console.log(row(['---', '---', ...columns.map(() => '---:')]));
for (const { name, set, report } of runs) console.log(row([name, set, ...columns.map(([, f]) => f(report))]));

const breakdown = (title: string, pick: (r: EvalReport) => Map<string, Rates>) => {
  console.log(`\n${title}: answered-and-correct / wrong (engine)\n`);
  console.log(row([title, ...sets]));
  console.log(row(['---', ...sets.map(() => '---:')]));
  const engineRuns = runs.filter((x) => x.name === engines[0]?.[0]);
  const keys = [...new Set(engineRuns.flatMap((x) => [...pick(x.report).keys()]))].sort();
  for (const key of keys) {
    const cells = engineRuns.map(({ report }) => {
      const x = pick(report).get(key);
      return x ? `${pct(x.correct, x.n)} / ${pct(x.wrong, x.n)} (n=${x.n})` : '-';
    });
    console.log(row([key, ...cells]));
  }
};
breakdown('category', (r) => r.byCategory);
breakdown('kind', (r) => r.byKind);

if (process.argv.includes('--failures')) {
  console.log('\nEngine failures on the tuning set:');
  const tuning = runs.find((x) => x.set === 'tuning')?.report;
  for (const f of tuning?.failures ?? []) {
    console.log(
      `  ${f.q.slice(0, 90)}\n      expected ${f.expect.join(', ') || '(no match)'}; got ${f.got} @${f.confidence}`,
    );
  }
}
