import { phrasingsOf } from '../knowledge/phrasings.ts';
import type { Entry } from '../knowledge/types.ts';
import type { Analyzer } from './analyzer.ts';
import type { HybridOptions } from './hybrid.ts';

type Field = keyof HybridOptions['fieldWeights'];
const FIELDS: Field[] = ['title', 'questions', 'keywords', 'body'];

export interface Phrasing {
  entry: number;
  text: string;
  /** Its distinct terms. */
  terms: readonly string[];
  /** Sum of the IDF of its distinct terms. */
  mass: number;
}

/** Inverted index over entries (BM25F) and over each title/alternate question (phrasing match). */
export class LexicalIndex {
  readonly idf = new Map<string, number>();
  /** term -> [entry, length-normalised weighted tf] */
  readonly entryPostings = new Map<string, [number, number][]>();
  /** term -> phrasing ids containing it */
  readonly phrasingPostings = new Map<string, number[]>();
  readonly phrasings: Phrasing[] = [];
  /** Each entry's keyword terms. */
  readonly keywordTerms: readonly string[][];
  /** The weight given to a query word that no entry uses. */
  readonly unknownIdf: number;
  /** Every indexed term, sorted, for prefix look-ups (autocomplete). */
  readonly sortedTerms: string[];
  /** Naive Bayes: term -> [entry, log((count + alpha) / alpha)], and each entry's log(total + alpha * V). */
  readonly nbPostings = new Map<string, [number, number][]>();
  readonly nbLogNorm: number[];
  readonly nbLogAlpha: number;

  constructor(
    readonly entries: readonly Entry[],
    analyzer: Analyzer,
    options: HybridOptions,
  ) {
    const n = entries.length;
    // Titles and questions are analysed once: their terms feed the fields and the phrasings alike. Questions (and
    // training phrasings) are typo-corrected like a user's question, since people write typos into them.
    const analyzed = (q: string) => features(analyzer.analyze(q, { correct: true }).terms, options);
    const phrased = entries.map((e) => ({
      title: features(analyzer.analyze(e.title).terms, options),
      questions: e.questions.map(analyzed),
      training: e.training.map(analyzed),
    }));
    const fieldTerms = entries.map((e, i) => ({
      title: (phrased[i] as (typeof phrased)[number]).title,
      questions: (phrased[i] as (typeof phrased)[number]).questions.flat(),
      keywords: e.keywords.flatMap((k) => analyzer.analyze(k).terms),
      body: features(analyzer.analyze(e.body.replace(/\[\d+\]/g, ' ')).terms, options),
    }));
    this.keywordTerms = fieldTerms.map((t) => t.keywords);
    const avg = Object.fromEntries(
      FIELDS.map((f) => [f, Math.max(1, fieldTerms.reduce((s, t) => s + t[f].length, 0) / Math.max(1, n))]),
    ) as Record<Field, number>;

    const df = new Map<string, number>();
    // Words only training phrasings use still count as known words (the softmax has weights for them).
    fieldTerms.forEach((t, i) => {
      const training = (phrased[i] as (typeof phrased)[number]).training.flat();
      for (const term of new Set([...FIELDS.flatMap((f) => t[f]), ...training]))
        df.set(term, (df.get(term) ?? 0) + 1);
    });
    const maxIdf = Math.log(1 + (n + 0.5) / 0.5);
    for (const [term, d] of df) {
      this.idf.set(term, Math.max(options.idfFloor * maxIdf, Math.log(1 + (n - d + 0.5) / (d + 0.5))));
    }
    this.unknownIdf = Math.log(1 + (n + 0.5) / 0.5) * 0.6;

    fieldTerms.forEach((t, entry) => {
      const weighted = new Map<string, number>();
      for (const f of FIELDS) {
        const norm = 1 - options.b + (options.b * t[f].length) / avg[f];
        for (const term of t[f]) {
          weighted.set(term, (weighted.get(term) ?? 0) + options.fieldWeights[f] / norm);
        }
      }
      for (const [term, tf] of weighted) {
        const list = this.entryPostings.get(term);
        if (list) list.push([entry, tf]);
        else this.entryPostings.set(term, [[entry, tf]]);
      }
    });

    this.sortedTerms = [...this.idf.keys()].sort();

    // Naive Bayes over the same terms: each entry is a class, its title, questions, keywords and (lightly) its
    // answer are the training text. It learns which words tell neighbouring entries apart.
    const { alpha, fieldWeights: nbWeights } = options.naiveBayes;
    const vocabularySize = this.idf.size;
    this.nbLogAlpha = Math.log(alpha);
    this.nbLogNorm = fieldTerms.map((t, entry) => {
      const counts = new Map<string, number>();
      let total = 0;
      for (const f of FIELDS) {
        for (const term of t[f]) {
          counts.set(term, (counts.get(term) ?? 0) + nbWeights[f]);
          total += nbWeights[f];
        }
      }
      for (const [term, count] of counts) {
        const list = this.nbPostings.get(term);
        const value: [number, number] = [entry, Math.log((count + alpha) / alpha)];
        if (list) list.push(value);
        else this.nbPostings.set(term, [value]);
      }
      return Math.log(total + alpha * vocabularySize);
    });

    entries.forEach((e, entry) => {
      const { title, questions, training } = phrased[entry] as (typeof phrased)[number];
      const all = [title, ...questions, ...training];
      [e.title, ...phrasingsOf(e)].forEach((text, k) => {
        const terms = new Set(all[k]);
        if (terms.size === 0) return;
        // A training phrasing teaches the learned part (the softmax) only: they are many and long, so they stay
        // out of the phrasing match (and the lexical fields above), which they would swamp.
        const isTraining = k > questions.length;
        const id = this.phrasings.length;
        let mass = 0;
        for (const term of terms) {
          mass += this.idf.get(term) ?? 0;
          if (isTraining) continue;
          const list = this.phrasingPostings.get(term);
          if (list) list.push(id);
          else this.phrasingPostings.set(term, [id]);
        }
        this.phrasings.push({ entry, text, terms: [...terms], mass });
      });
    });
  }

  /** Indexed terms that start with `prefix` (at most `limit`, rarest first: they say the most). */
  termsWithPrefix(prefix: string, limit: number): string[] {
    let lo = 0;
    let hi = this.sortedTerms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.sortedTerms[mid] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < this.sortedTerms.length && out.length < limit * 4; i++) {
      const t = this.sortedTerms[i] as string;
      if (!t.startsWith(prefix)) break;
      out.push(t);
    }
    return out.sort((a, b) => (this.idf.get(b) ?? 0) - (this.idf.get(a) ?? 0)).slice(0, limit);
  }
}

/** The terms of a text plus, optionally, each pair of neighbouring terms ("side effect" vs "dark side"). */
export function features(terms: readonly string[], options: Pick<HybridOptions, 'bigrams'>): string[] {
  if (!options.bigrams || terms.length < 2) return [...terms];
  const out = [...terms];
  for (let i = 1; i < terms.length; i++) out.push(`${terms[i - 1]} ${terms[i]}`);
  return out;
}
