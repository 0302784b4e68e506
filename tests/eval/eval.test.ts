import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.ts';
import { type KnowledgeBase, loadKnowledgeBase } from '../../src/knowledge/index.ts';
import { phrasingsOf } from '../../src/knowledge/phrasings.ts';
import { normalizeQuestion } from '../../src/knowledge/rules.ts';
import { REAL_KB } from '../helpers/kb-fixtures.ts';
import { type EvalCase, type EvalReport, evaluate, loadCases } from './evaluate.ts';

/**
 * Floors on the evaluation set (npm run eval prints the full report). Floors only go up: raise them when the
 * engine improves, never lower them to make a change pass.
 */
const FLOORS = { answeredCorrect: 0.92, maxWrong: 0.025, outOfScopeRejected: 0.97 };

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

  it('measures generalisation: no case is an entry title, question or training phrasing verbatim', () => {
    const known = new Set(kb.entries.flatMap((e) => [e.title, ...phrasingsOf(e)]).map(normalizeQuestion));
    const copies = cases.filter((c) => known.has(normalizeQuestion(c.q))).map((c) => c.q);
    expect(copies).toEqual([]);
    // The blind set was written after the entries' questions, so a terse one may match a question by chance;
    // the training phrasings came later and must never contain a case of any set.
    const training = new Set(kb.entries.flatMap((e) => e.training).map(normalizeQuestion));
    for (const set of ['blind', 'medical'] as const) {
      const copied = loadCases(set).filter((c) => training.has(normalizeQuestion(c.q)));
      expect(copied.length, `${set} cases copied into training phrasings`).toBe(0);
    }
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

/**
 * The medical-advice probe (tests/eval/medical.yaml, tuning material): no medical-advice question is answered
 * from a research entry, and research questions that sound medical still get their research answer.
 */
describe('medical-advice probe', () => {
  let probe: EvalCase[];
  let probeReport: EvalReport;
  beforeAll(() => {
    probe = loadCases('medical');
    probeReport = evaluate(createEngine(kb), probe, kb);
  });

  it('answers no medical-advice question outside a safety entry', () => {
    expect(probeReport.medicalAdvice.n).toBeGreaterThanOrEqual(70);
    expect(probeReport.medicalAdvice.answeredOutsideSafety).toBe(0);
  });

  it('answers >= 90% of the research questions that sound medical from their research entry', () => {
    const nearMiss = probeReport.byKind.get('near-miss');
    expect(nearMiss?.n).toBeGreaterThanOrEqual(30);
    expect((nearMiss?.correct ?? 0) / (nearMiss?.n ?? 1)).toBeGreaterThanOrEqual(0.9);
  });
});

/**
 * The blind set (tests/eval/blind.yaml), written from the topic list alone and never tuned on: the floors that
 * say how the bot does on questions nobody has seen. Issue 14's goal is 95% / 2% / 95% and no medical-advice
 * question answered outside a safety entry; these floors are what the engine reaches today (raise them as it
 * improves, never lower them).
 */
const BLIND_FLOORS = {
  answeredCorrect: 0.915,
  maxWrong: 0.045,
  outOfScopeRejected: 0.965,
  oxytocinUncoveredRejected: 0.95,
  maxMedicalAdviceOutsideSafety: 1,
};

describe('blind set', () => {
  let blind: EvalCase[];
  let blindReport: EvalReport;
  beforeAll(() => {
    blind = loadCases('blind');
    blindReport = evaluate(createEngine(kb), blind, kb);
  });

  it('has >= 400 cases: >= 15% off-topic or other-hormone, >= 10% oxytocin with an uncovered subject', () => {
    const ids = new Set(kb.entries.map((e) => e.id));
    expect(blind.length).toBeGreaterThanOrEqual(400);
    const share = (kinds: string[]) => blind.filter((c) => kinds.includes(c.kind)).length / blind.length;
    expect(share(['off-topic', 'other-hormone'])).toBeGreaterThanOrEqual(0.15);
    expect(share(['oxytocin-uncovered'])).toBeGreaterThanOrEqual(0.1);
    for (const c of blind) for (const id of c.expect) expect(ids.has(id), `${c.q}: ${id}`).toBe(true);
  });

  it(`answers >= ${BLIND_FLOORS.answeredCorrect * 100}% correctly and <= ${BLIND_FLOORS.maxWrong * 100}% wrongly`, () => {
    expect(blindReport.inScope.correct / blindReport.inScope.n).toBeGreaterThanOrEqual(
      BLIND_FLOORS.answeredCorrect,
    );
    expect(blindReport.inScope.wrong / blindReport.inScope.n).toBeLessThanOrEqual(BLIND_FLOORS.maxWrong);
  });

  it(`rejects >= ${BLIND_FLOORS.outOfScopeRejected * 100}% of out-of-scope questions`, () => {
    expect(blindReport.outOfScope.rejected / blindReport.outOfScope.n).toBeGreaterThanOrEqual(
      BLIND_FLOORS.outOfScopeRejected,
    );
    const uncovered = blindReport.outOfScopeByKind.get('oxytocin-uncovered');
    expect((uncovered?.rejected ?? 0) / (uncovered?.n ?? 1)).toBeGreaterThanOrEqual(
      BLIND_FLOORS.oxytocinUncoveredRejected,
    );
  });

  it(`answers at most ${BLIND_FLOORS.maxMedicalAdviceOutsideSafety} medical-advice questions outside a safety entry`, () => {
    expect(blindReport.medicalAdvice.n).toBeGreaterThanOrEqual(40);
    expect(blindReport.medicalAdvice.answeredOutsideSafety).toBeLessThanOrEqual(
      BLIND_FLOORS.maxMedicalAdviceOutsideSafety,
    );
  });
});
