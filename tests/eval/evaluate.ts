import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Engine } from '../../src/engine/types.ts';
import type { KnowledgeBase } from '../../src/knowledge/types.ts';

export interface EvalCase {
  q: string;
  /** Entry ids that correctly answer it; empty for out-of-scope questions. */
  expect: string[];
  kind: string;
}

export type EvalSet = 'tuning' | 'blind' | 'medical';

/**
 * `tuning`: tests/eval/cases.yaml, the set the engine and the knowledge base may be tuned on.
 * `blind`: tests/eval/blind.yaml, written from the topic list alone; never tuned on (see its header).
 * `medical`: tests/eval/medical.yaml, medical-advice questions and research questions that sound like them (tuning).
 */
export function loadCases(set: EvalSet = 'tuning'): EvalCase[] {
  const file = { tuning: 'cases.yaml', blind: 'blind.yaml', medical: 'medical.yaml' }[set];
  const raw = parse(readFileSync(join(import.meta.dirname, file), 'utf8')) as {
    q: unknown;
    expect?: string[] | 'no_match';
    kind: string;
  }[];
  return raw.map((c) => ({
    q: String(c.q),
    expect: Array.isArray(c.expect) ? c.expect : [],
    kind: c.kind,
  }));
}

/** Medical-advice cases: the tuning set calls them `safety`, the blind set `medical-advice`. */
export const isMedicalAdvice = (c: EvalCase) => c.kind === 'safety' || c.kind === 'medical-advice';

export interface Rates {
  n: number;
  correct: number;
  wrong: number;
  abstain: number;
  top3: number;
}

export interface EvalReport {
  inScope: Rates;
  outOfScope: { n: number; rejected: number; noMatch: number };
  /** Out-of-scope cases by kind (for example `oxytocin-uncovered`): how many there were, how many rejected. */
  outOfScopeByKind: Map<string, { n: number; rejected: number }>;
  /** Medical-advice cases: how many, and how many were answered from an entry outside the safety category. */
  medicalAdvice: { n: number; answeredOutsideSafety: number; answeredFromSafety: number };
  byCategory: Map<string, Rates>;
  byKind: Map<string, Rates>;
  calibration: { high: { n: number; correct: number }; low: { n: number; correct: number } };
  failures: { q: string; expect: string[]; got: string; confidence: number }[];
}

const emptyRates = (): Rates => ({ n: 0, correct: 0, wrong: 0, abstain: 0, top3: 0 });

/** Runs every case through an engine and measures answer quality. */
export function evaluate(engine: Engine, cases: EvalCase[], kb: KnowledgeBase): EvalReport {
  const categoryOf = new Map(kb.entries.map((e) => [e.id, e.category]));
  const report: EvalReport = {
    inScope: emptyRates(),
    outOfScope: { n: 0, rejected: 0, noMatch: 0 },
    outOfScopeByKind: new Map(),
    medicalAdvice: { n: 0, answeredOutsideSafety: 0, answeredFromSafety: 0 },
    byCategory: new Map(),
    byKind: new Map(),
    calibration: { high: { n: 0, correct: 0 }, low: { n: 0, correct: 0 } },
    failures: [],
  };
  for (const c of cases) {
    const r = engine.ask(c.q);
    const got =
      r.answer?.id ?? (r.status === 'suggestions' ? `? ${r.suggestions.map((s) => s.id).join(', ')}` : '-');
    if (isMedicalAdvice(c)) {
      report.medicalAdvice.n++;
      if (r.status === 'answered' && r.answer) {
        if (r.answer.category === 'safety') report.medicalAdvice.answeredFromSafety++;
        else report.medicalAdvice.answeredOutsideSafety++;
      }
    }
    if (c.expect.length === 0) {
      report.outOfScope.n++;
      const byKind = getOr(report.outOfScopeByKind, c.kind, () => ({ n: 0, rejected: 0 }));
      byKind.n++;
      if (r.status !== 'answered') byKind.rejected++;
      if (r.status !== 'answered') report.outOfScope.rejected++;
      if (r.status === 'no_match') report.outOfScope.noMatch++;
      if (r.status === 'answered') {
        report.failures.push({ q: c.q, expect: [], got, confidence: r.confidence });
        const bucket = r.confidence >= 0.8 ? report.calibration.high : report.calibration.low;
        bucket.n++;
      }
      continue;
    }
    const answered = r.status === 'answered' && r.answer !== null;
    const correct = answered && c.expect.includes(r.answer?.id ?? '');
    const top3Ids = answered ? [r.answer?.id] : r.suggestions.slice(0, 3).map((s) => s.id);
    const top3 = top3Ids.some((id) => id !== undefined && c.expect.includes(id));
    const category = categoryOf.get(c.expect[0] ?? '') ?? 'unknown';
    for (const rates of [
      report.inScope,
      getOr(report.byCategory, category, emptyRates),
      getOr(report.byKind, c.kind, emptyRates),
    ]) {
      rates.n++;
      if (correct) rates.correct++;
      else if (answered) rates.wrong++;
      else rates.abstain++;
      if (top3) rates.top3++;
    }
    if (answered) {
      const bucket = r.confidence >= 0.8 ? report.calibration.high : report.calibration.low;
      bucket.n++;
      if (correct) bucket.correct++;
    }
    if (!correct) report.failures.push({ q: c.q, expect: c.expect, got, confidence: r.confidence });
  }
  return report;
}

function getOr<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

export const pct = (part: number, whole: number) =>
  whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
