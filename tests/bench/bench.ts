import { createFuseEngine } from '../../src/engine/fuse-baseline.ts';
import { createHybridEngine } from '../../src/engine/index.ts';
import type { Engine } from '../../src/engine/types.ts';
import { type KnowledgeBase, loadKnowledgeBase } from '../../src/knowledge/index.ts';
import { benchQueries, syntheticKb } from './synthetic-kb.ts';

/**
 * `npm run bench`: index build time, question latency (p50/p99), autocomplete latency and heap for the real
 * knowledge base and synthetic ones of 1,000 and 10,000 entries, the engine beside plain fuse.js in the same
 * run. Not part of npm test: timings belong in a benchmark, not in a test that can flake.
 */
const { kb: real } = await loadKnowledgeBase('knowledge');
if (!real) throw new Error('knowledge base invalid: run npm run kb:check');

const gc = (globalThis as { gc?: () => void }).gc;
const heapMb = () => {
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

interface Measure {
  buildMs: number;
  p50: number;
  p99: number;
  acP50: number;
  acP99: number;
  heapMb: number;
}

function measure(
  make: (kb: KnowledgeBase) => Engine,
  kb: KnowledgeBase,
  queries: string[],
  maxQueries = queries.length,
): Measure {
  queries = queries.slice(0, maxQueries);
  const before = heapMb();
  let engine = make(kb);
  const builds: number[] = [];
  for (let i = 0; i < (kb.entries.length > 2000 ? 2 : 5); i++) {
    const start = performance.now();
    engine = make(kb);
    builds.push(performance.now() - start);
  }
  const heap = heapMb() - before;
  const time = (fn: (q: string) => unknown, qs: string[]) => {
    for (const q of qs.slice(0, 200)) fn(q);
    // Start from a clean heap: the builds above left garbage whose collection is not the question's cost.
    gc?.();
    return qs
      .map((q) => {
        const start = performance.now();
        fn(q);
        return performance.now() - start;
      })
      .sort((a, b) => a - b);
  };
  const asks = time((q) => engine.ask(q), queries);
  const partials = queries.map((q) => q.slice(0, Math.max(3, Math.floor(q.length / 2))));
  const acs = time((q) => engine.suggest(q), partials);
  return {
    buildMs: Math.min(...builds),
    p50: percentile(asks, 50),
    p99: percentile(asks, 99),
    acP50: percentile(acs, 50),
    acP99: percentile(acs, 99),
    heapMb: Math.max(0, heap),
  };
}

// Built one at a time, so a large synthetic knowledge base does not sit in the heap while a small one is timed.
const sets: [string, () => KnowledgeBase][] = [
  [`real (${real.entries.length})`, () => real],
  ['synthetic 1,000', () => syntheticKb(real, 1000)],
  ['synthetic 10,000', () => syntheticKb(real, 10_000)],
];
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
/** How many times the engine is faster (or smaller) than fuse.js: fuse.js / engine, so 890x reads as a speed-up. */
const ratio = (engine: number, fuse: number) => {
  if (!(engine > 0) || !(fuse > 0)) return '-';
  const r = fuse / engine;
  // Below 1 (fuse.js builds faster), two significant digits: 0.0050x, not a 0.00x that says nothing.
  return `${r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r >= 0.1 ? r.toFixed(2) : r.toPrecision(2)}×`;
};
console.log(
  `Node ${process.version}; times in ms; ratio = plain fuse.js / engine (above 1: the engine is that many times faster or smaller)${gc ? '' : '; run with --expose-gc for exact heap'}\n`,
);
console.log(
  '| knowledge base | engine | build | ask p50 | ask p99 | autocomplete p50 | autocomplete p99 | heap MB |',
);
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [name, makeKb] of sets) {
  const kb = makeKb();
  const queries = benchQueries(kb, kb.entries.length > 2000 ? 400 : 2000);
  const hybrid = measure((k) => createHybridEngine(k), kb, queries);
  // Plain fuse.js takes seconds per question at 10,000 entries: it gets fewer questions so the run ends.
  const fuse = measure(
    (k) => createFuseEngine(k),
    kb,
    queries,
    kb.entries.length > 2000 ? 10 : kb.entries.length > 500 ? 100 : 400,
  );
  const row = (label: string, m: Measure) =>
    `| ${name} | ${label} | ${fmt(m.buildMs)} | ${fmt(m.p50)} | ${fmt(m.p99)} | ${fmt(m.acP50)} | ${fmt(m.acP99)} | ${fmt(m.heapMb)} |`;
  console.log(row('hybrid', hybrid));
  console.log(row('fuse.js', fuse));
  console.log(
    `| ${name} | fuse.js ÷ engine | ${ratio(hybrid.buildMs, fuse.buildMs)} | ${ratio(hybrid.p50, fuse.p50)} | ${ratio(hybrid.p99, fuse.p99)} | ${ratio(hybrid.acP50, fuse.acP50)} | ${ratio(hybrid.acP99, fuse.acP99)} | ${ratio(hybrid.heapMb, fuse.heapMb)} |`,
  );
}
