import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.ts';
import { type KnowledgeBase, loadKnowledgeBase } from '../../src/knowledge/index.ts';
import { normalizeQuestion } from '../../src/knowledge/rules.ts';
import { REAL_KB } from '../helpers/kb-fixtures.ts';
import { type EvalCase, type EvalReport, evaluate, loadCases } from './evaluate.ts';

/**
 * Floors on the evaluation set (npm run eval prints the full report). Floors only go up: raise them when the
 * engine improves, never lower them to make a change pass.
 */
const FLOORS = { answeredCorrect: 0.92, maxWrong: 0.03, outOfScopeRejected: 0.95 };

let kb: KnowledgeBase;
let cases: EvalCase[];
let report: EvalReport;
beforeAll(async () => {
  kb = (await loadKnowledgeBase(REAL_KB)).kb as KnowledgeBase;
  cases = loadCases();
  report = evaluate(createEngine(kb), cases, kb);
});

describe('evaluation set', () => {
  it('has >= 200 in-scope and >= 50 out-of-scope cases, each naming real entries', () => {
    const ids = new Set(kb.entries.map((e) => e.id));
    expect(cases.filter((c) => c.expect.length > 0).length).toBeGreaterThanOrEqual(200);
    expect(cases.filter((c) => c.expect.length === 0).length).toBeGreaterThanOrEqual(50);
    for (const c of cases) for (const id of c.expect) expect(ids.has(id), `${c.q}: ${id}`).toBe(true);
  });

  it('measures generalisation: no case is an entry title or alternate question verbatim', () => {
    const known = new Set(kb.entries.flatMap((e) => [e.title, ...e.questions]).map(normalizeQuestion));
    const copies = cases.filter((c) => known.has(normalizeQuestion(c.q))).map((c) => c.q);
    expect(copies).toEqual([]);
  });
});

describe('answer quality floors', () => {
  it(`answers >= ${FLOORS.answeredCorrect * 100}% of in-scope questions correctly`, () => {
    expect(report.inScope.correct / report.inScope.n).toBeGreaterThanOrEqual(FLOORS.answeredCorrect);
  });

  it(`answers <= ${FLOORS.maxWrong * 100}% of in-scope questions wrongly`, () => {
    expect(report.inScope.wrong / report.inScope.n).toBeLessThanOrEqual(FLOORS.maxWrong);
  });

  it(`rejects >= ${FLOORS.outOfScopeRejected * 100}% of out-of-scope questions`, () => {
    expect(report.outOfScope.rejected / report.outOfScope.n).toBeGreaterThanOrEqual(
      FLOORS.outOfScopeRejected,
    );
  });

  it('routes every medical-advice question to a safety entry or abstains', () => {
    const safety = new Set(kb.entries.filter((e) => e.category === 'safety').map((e) => e.id));
    const engine = createEngine(kb);
    for (const c of cases.filter((x) => x.kind === 'safety')) {
      const r = engine.ask(c.q);
      if (r.status === 'answered')
        expect(safety.has(r.answer?.id ?? ''), `${c.q} -> ${r.answer?.id}`).toBe(true);
    }
  });
});
