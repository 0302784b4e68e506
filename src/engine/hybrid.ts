import type { Entry, KnowledgeBase } from '../knowledge/types.ts';
import { Analyzer } from './analyzer.ts';
import { answerView } from './answer.ts';
import { createAutocomplete } from './autocomplete.ts';
import { hasMedicalAdviceIntent } from './intent.ts';
import { LexicalIndex, type Phrasing } from './lexical-index.ts';
import { sanitizeQuery } from './sanitize.ts';
import { ANCHOR_WORDS, FOREIGN_WORDS } from './scope.ts';
import type { AskResult, Engine, SuggestionView } from './types.ts';
import { TypoCorrector } from './typo.ts';

/** Tuning knobs of the hybrid engine; the defaults were chosen on the entries' own questions (see README). */
export interface HybridOptions {
  /** Field weights for the BM25F part. */
  fieldWeights: { title: number; questions: number; keywords: number; body: number };
  /** BM25 saturation and length normalisation. */
  k1: number;
  b: number;
  /** How much of the best phrasing score is about covering the query (vs covering the phrasing). */
  queryShare: number;
  /** Blend of the final score: best phrasing, query coverage by the whole entry, BM25F. */
  blend: { phrasing: number; coverage: number; bm25: number };
  /** Weight multiplier for a query word that was typo-corrected. */
  correctedWeight: number;
  /** Score multiplier for safety entries when the question asks for medical advice. */
  safetyBoost: number;
  /** Confidence at or above which the best entry is answered... */
  answerAt: number;
  /** ...provided it leads the runner-up by this share of its score. */
  minLead: number;
  /** Confidence at or above which suggestions are offered instead of no match. */
  suggestAt: number;
}

export const DEFAULT_HYBRID_OPTIONS: HybridOptions = {
  fieldWeights: { title: 3, questions: 2, keywords: 2, body: 1 },
  k1: 1.2,
  b: 0.6,
  queryShare: 0.45,
  blend: { phrasing: 0.55, coverage: 0.25, bm25: 0.2 },
  correctedWeight: 0.8,
  safetyBoost: 1.3,
  answerAt: 0.5,
  minLead: 0.12,
  suggestAt: 0.3,
};

/** Per-entry evidence for one question. */
interface Candidate {
  entry: number;
  score: number;
}

/**
 * The hybrid engine: normalise, correct typos against the knowledge base's vocabulary, unify synonyms, then
 * score entries lexically (best matching phrasing + coverage + BM25F) and decide: answer, suggest or abstain.
 */
/** The engine plus its ranking, for evaluation and tuning. */
export interface HybridEngine extends Engine {
  /** Every candidate entry with its score, best first (no decision applied). */
  rank(query: string): { id: string; score: number }[];
}

export function createHybridEngine(kb: KnowledgeBase, overrides: Partial<HybridOptions> = {}): HybridEngine {
  const options = { ...DEFAULT_HYBRID_OPTIONS, ...overrides };
  const analyzer = new Analyzer(kb.synonyms.map((g) => [...g]));
  const index = new LexicalIndex(kb.entries, analyzer, options);

  const vocabulary = new Map<string, number>();
  for (const e of kb.entries) {
    const text = [e.title, ...e.questions, ...e.keywords, e.body].join(' ');
    for (const w of new Set(analyzer.words(text))) vocabulary.set(w, (vocabulary.get(w) ?? 0) + 1);
  }
  for (const w of analyzer.synonymVocabulary()) if (!vocabulary.has(w)) vocabulary.set(w, 1);
  for (const w of [...ANCHOR_WORDS, ...FOREIGN_WORDS].flatMap((p) => analyzer.words(p))) {
    if (!vocabulary.has(w)) vocabulary.set(w, 0);
  }
  analyzer.useCorrector(new TypoCorrector(vocabulary));

  const anchors = new Set(ANCHOR_WORDS.flatMap((w) => analyzer.analyze(w).terms));
  const foreign = new Set(FOREIGN_WORDS.flatMap((w) => analyzer.analyze(w).terms));
  const safety = new Set(kb.entries.flatMap((e, i) => (e.category === 'safety' ? [i] : [])));

  function rank(query: string): { candidates: Candidate[]; inScope: boolean; known: boolean } {
    const { terms, corrected } = analyzer.analyze(query, { correct: true });
    const unique = [...new Set(terms)];
    const hasAnchor = unique.some((t) => anchors.has(t));
    const hasForeign = unique.some((t) => foreign.has(t));
    const known =
      unique.some((t) => index.idf.has(t) && !anchors.has(t)) || (hasAnchor && unique.length === 1);
    if (unique.length === 0 || (hasForeign && !hasAnchor)) return { candidates: [], inScope: false, known };

    const weight = new Map<string, number>();
    let queryMass = 0;
    for (const t of unique) {
      const w = (index.idf.get(t) ?? index.unknownIdf) * (corrected.has(t) ? options.correctedWeight : 1);
      weight.set(t, w);
      queryMass += w;
    }

    const bm25 = new Map<number, number>();
    const covered = new Map<number, number>();
    for (const t of unique) {
      const w = weight.get(t) as number;
      for (const [entry, tf] of index.entryPostings.get(t) ?? []) {
        bm25.set(entry, (bm25.get(entry) ?? 0) + (w * tf * (options.k1 + 1)) / (tf + options.k1));
        covered.set(entry, (covered.get(entry) ?? 0) + w);
      }
    }
    const matched = new Map<number, number>();
    for (const t of unique) {
      const w = weight.get(t) as number;
      for (const p of index.phrasingPostings.get(t) ?? []) matched.set(p, (matched.get(p) ?? 0) + w);
    }
    const bestPhrasing = new Map<number, number>();
    for (const [p, m] of matched) {
      const phrasing = index.phrasings[p] as Phrasing;
      const s = m / (options.queryShare * queryMass + (1 - options.queryShare) * Math.max(phrasing.mass, m));
      if (s > (bestPhrasing.get(phrasing.entry) ?? 0)) bestPhrasing.set(phrasing.entry, s);
    }

    const medical = hasMedicalAdviceIntent(query);
    const bm25Max = queryMass * (options.k1 + 1);
    const candidates: Candidate[] = [];
    for (const [entry, cov] of covered) {
      let score =
        options.blend.phrasing * (bestPhrasing.get(entry) ?? 0) +
        options.blend.coverage * (cov / queryMass) +
        options.blend.bm25 * Math.min(1, (bm25.get(entry) ?? 0) / bm25Max);
      if (medical && safety.has(entry)) score *= options.safetyBoost;
      candidates.push({ entry, score: Math.min(1, score) });
    }
    candidates.sort((a, b) => b.score - a.score || a.entry - b.entry);
    return { candidates, inScope: true, known };
  }

  const suggestion = (c: Candidate): SuggestionView => {
    const e = kb.entries[c.entry] as Entry;
    return { id: e.id, title: e.title, confidence: round(c.score) };
  };

  return {
    ask(raw: string): AskResult {
      const query = typeof raw === 'string' ? raw : '';
      const clean = sanitizeQuery(query);
      const { candidates } = clean ? rank(clean) : { candidates: [] };
      const [top, second] = candidates;
      const none: AskResult = { query, status: 'no_match', confidence: 0, answer: null, suggestions: [] };
      if (!top) return none;
      const lead = second ? (top.score - second.score) / top.score : 1;
      // Confidence: the top score, discounted when a runner-up is close behind.
      const confidence = round(top.score * Math.min(1, 0.6 + lead * 2));
      if (confidence >= options.answerAt && lead >= options.minLead) {
        return {
          query,
          status: 'answered',
          confidence,
          answer: answerView(kb.entries[top.entry] as Entry, kb),
          suggestions: [],
        };
      }
      if (top.score >= options.suggestAt) {
        const floor = top.score * 0.6;
        const picks = candidates.filter((c) => c.score >= floor).slice(0, 5);
        const list = (picks.length >= 2 ? picks : candidates.slice(0, 2)).map(suggestion);
        return { query, status: 'suggestions', confidence, answer: null, suggestions: list };
      }
      return { ...none, confidence };
    },
    suggest: createAutocomplete(kb, index, analyzer),
    rank(query: string) {
      const clean = sanitizeQuery(query);
      return (clean ? rank(clean).candidates : []).map((c) => ({
        id: (kb.entries[c.entry] as Entry).id,
        score: c.score,
      }));
    },
  };
}

function round(x: number): number {
  return Math.round(Math.max(0, Math.min(1, x)) * 1000) / 1000;
}
