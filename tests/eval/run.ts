import { createFuseEngine, createHybridEngine } from '../../src/engine/index.ts';
import type { Engine } from '../../src/engine/types.ts';
import { loadKnowledgeBase } from '../../src/knowledge/index.ts';
import { type EvalReport, evaluate, loadCases, pct, type Rates } from './evaluate.ts';

/** `npm run eval`: answer quality of the engine next to plain fuse.js, on tests/eval/cases.yaml. */
const { kb, problems } = await loadKnowledgeBase('knowledge');
if (!kb) {
  console.error(`knowledge base has ${problems.length} problems; run npm run kb:check`);
  process.exit(1);
}
const cases = loadCases();
const engines: [string, Engine][] = [
  ['engine (hybrid)', createHybridEngine(kb)],
  ['fuse.js plain', createFuseEngine(kb)],
  ['fuse.js token search', createFuseEngine(kb, { tokenSearch: true })],
];
const reports = engines.map(([name, engine]) => [name, evaluate(engine, cases, kb)] as const);

const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
const names = reports.map(([name]) => name);
console.log(
  `Evaluation: ${cases.length} cases (${reports[0]?.[1].inScope.n} in scope, ${reports[0]?.[1].outOfScope.n} out of scope)\n`,
);
console.log(row(['metric', ...names]));
console.log(row(['---', ...names.map(() => '---:')]));
const metric = (label: string, f: (r: EvalReport) => string) =>
  console.log(row([label, ...reports.map(([, r]) => f(r))]));
metric('answered and correct', (r) => pct(r.inScope.correct, r.inScope.n));
metric('wrong answer', (r) => pct(r.inScope.wrong, r.inScope.n));
metric('abstain (in scope)', (r) => pct(r.inScope.abstain, r.inScope.n));
metric('top-3 hit', (r) => pct(r.inScope.top3, r.inScope.n));
metric('out-of-scope rejected', (r) => pct(r.outOfScope.rejected, r.outOfScope.n));
metric('out-of-scope no_match', (r) => pct(r.outOfScope.noMatch, r.outOfScope.n));
metric(
  'answers at confidence >= 0.8 right',
  (r) => `${pct(r.calibration.high.correct, r.calibration.high.n)} of ${r.calibration.high.n}`,
);
metric(
  'answers at confidence < 0.8 right',
  (r) => `${pct(r.calibration.low.correct, r.calibration.low.n)} of ${r.calibration.low.n}`,
);

const breakdown = (title: string, pick: (r: EvalReport) => Map<string, Rates>) => {
  console.log(`\n${title}: answered-and-correct / wrong\n`);
  console.log(row([title, ...names]));
  console.log(row(['---', ...names.map(() => '---:')]));
  const keys = [...(reports[0] ? pick(reports[0][1]).keys() : [])].sort();
  for (const key of keys) {
    const cells = reports.map(([, r]) => {
      const x = pick(r).get(key);
      return x ? `${pct(x.correct, x.n)} / ${pct(x.wrong, x.n)} (n=${x.n})` : '-';
    });
    console.log(row([key, ...cells]));
  }
};
breakdown('category', (r) => r.byCategory);
breakdown('kind', (r) => r.byKind);

if (process.argv.includes('--failures')) {
  console.log('\nEngine failures:');
  for (const f of reports[0]?.[1].failures ?? []) {
    console.log(
      `  ${f.q.slice(0, 90)}\n      expected ${f.expect.join(', ') || '(no match)'}; got ${f.got} @${f.confidence}`,
    );
  }
}
