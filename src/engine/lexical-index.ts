import { phrasingsOf } from '../knowledge/phrasings.ts';
import type { Entry } from '../knowledge/types.ts';
import type { Analyzer } from './analyzer.ts';
import type { HybridOptions } from './hybrid.ts';
import type { Example } from './softmax.ts';

type Field = keyof HybridOptions['fieldWeights'];
const FIELDS: Field[] = ['title', 'questions', 'keywords', 'body'];

/** The index as plain data (JSON-safe): what a restart restores instead of analysing every text again. */
export interface LexicalIndexData {
  idf: [string, number][];
  entryPostings: [string, number[]][];
  phrasingPostings: [string, number[]][];
  phrasingEntry: number[];
  phrasingMass: number[];
  unknownIdf: number;
  nbPostings: [string, number[]][];
  nbLogNorm: number[];
  nbLogAlpha: number;
}

/** Inverted index over entries (BM25F) and over each title/alternate question (phrasing match). */
export class LexicalIndex {
  readonly idf: Map<string, number>;
  /** term -> entries using it and their length-normalised weighted tf, flat: [entry, tf, entry, tf, ...] */
  readonly entryPostings: Map<string, number[]>;
  /** term -> phrasing ids containing it */
  readonly phrasingPostings: Map<string, number[]>;
  /** Each phrasing's entry, and the sum of the IDF of its distinct terms. */
  readonly phrasingEntry: number[];
  readonly phrasingMass: number[];
  /** The weight given to a query word that no entry uses. */
  readonly unknownIdf: number;
  /** Every indexed term, sorted, for prefix look-ups (autocomplete). */
  readonly sortedTerms: string[];
  /** Naive Bayes: term -> [entry, log((count + alpha) / alpha), ...] flat, and each entry's log(total + alpha * V). */
  readonly nbPostings: Map<string, number[]>;
  readonly nbLogNorm: number[];
  readonly nbLogAlpha: number;

  constructor(
    readonly entries: readonly Entry[],
    data: LexicalIndexData,
  ) {
    this.idf = new Map(data.idf);
    this.entryPostings = new Map(data.entryPostings);
    this.phrasingPostings = new Map(data.phrasingPostings);
    this.phrasingEntry = data.phrasingEntry;
    this.phrasingMass = data.phrasingMass;
    this.unknownIdf = data.unknownIdf;
    this.nbPostings = new Map(data.nbPostings);
    this.nbLogNorm = data.nbLogNorm;
    this.nbLogAlpha = data.nbLogAlpha;
    this.sortedTerms = [...this.idf.keys()].sort();
  }

  data(): LexicalIndexData {
    return {
      idf: [...this.idf],
      entryPostings: [...this.entryPostings],
      phrasingPostings: [...this.phrasingPostings],
      phrasingEntry: this.phrasingEntry,
      phrasingMass: this.phrasingMass,
      unknownIdf: this.unknownIdf,
      nbPostings: [...this.nbPostings],
      nbLogNorm: this.nbLogNorm,
      nbLogAlpha: this.nbLogAlpha,
    };
  }

  /**
   * Analyses every entry's texts into the index, and the learned part's training examples (each title,
   * question and training phrasing, and each entry's keywords), which the index itself does not keep.
   */
  static build(
    entries: readonly Entry[],
    analyzer: Analyzer,
    options: HybridOptions,
  ): { index: LexicalIndex; examples: Example[] } {
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
    const idf = new Map<string, number>();
    const maxIdf = Math.log(1 + (n + 0.5) / 0.5);
    for (const [term, d] of df) {
      idf.set(term, Math.max(options.idfFloor * maxIdf, Math.log(1 + (n - d + 0.5) / (d + 0.5))));
    }

    const entryPostings = new Map<string, number[]>();
    fieldTerms.forEach((t, entry) => {
      const weighted = new Map<string, number>();
      for (const f of FIELDS) {
        const norm = 1 - options.b + (options.b * t[f].length) / avg[f];
        for (const term of t[f]) {
          weighted.set(term, (weighted.get(term) ?? 0) + options.fieldWeights[f] / norm);
        }
      }
      for (const [term, tf] of weighted) {
        const list = entryPostings.get(term);
        if (list) list.push(entry, tf);
        else entryPostings.set(term, [entry, tf]);
      }
    });

    // Naive Bayes over the same terms: each entry is a class, its title, questions, keywords and (lightly) its
    // answer are the training text. It learns which words tell neighbouring entries apart.
    const { alpha, fieldWeights: nbWeights } = options.naiveBayes;
    const vocabularySize = idf.size;
    const nbPostings = new Map<string, number[]>();
    const nbLogNorm = fieldTerms.map((t, entry) => {
      const counts = new Map<string, number>();
      let total = 0;
      for (const f of FIELDS) {
        for (const term of t[f]) {
          counts.set(term, (counts.get(term) ?? 0) + nbWeights[f]);
          total += nbWeights[f];
        }
      }
      for (const [term, count] of counts) {
        const list = nbPostings.get(term);
        const value = Math.log((count + alpha) / alpha);
        if (list) list.push(entry, value);
        else nbPostings.set(term, [entry, value]);
      }
      return Math.log(total + alpha * vocabularySize);
    });

    const phrasingPostings = new Map<string, number[]>();
    const phrasingEntry: number[] = [];
    const phrasingMass: number[] = [];
    const examples: Example[] = [];
    entries.forEach((e, entry) => {
      const { title, questions, training } = phrased[entry] as (typeof phrased)[number];
      const all = [title, ...questions, ...training];
      [e.title, ...phrasingsOf(e)].forEach((_, k) => {
        const terms = new Set(all[k]);
        if (terms.size === 0) return;
        examples.push({ terms: [...terms], label: entry });
        // A training phrasing teaches the learned part (the softmax) only: they are many and long, so they stay
        // out of the phrasing match (and the lexical fields above), which they would swamp.
        if (k > questions.length) return;
        const id = phrasingEntry.length;
        let mass = 0;
        for (const term of terms) {
          mass += idf.get(term) ?? 0;
          const list = phrasingPostings.get(term);
          if (list) list.push(id);
          else phrasingPostings.set(term, [id]);
        }
        phrasingEntry.push(entry);
        phrasingMass.push(mass);
      });
    });
    for (const [label, t] of fieldTerms.entries()) examples.push({ terms: t.keywords, label });

    const index = new LexicalIndex(entries, {
      idf: [...idf],
      entryPostings: [...entryPostings],
      phrasingPostings: [...phrasingPostings],
      phrasingEntry,
      phrasingMass,
      unknownIdf: maxIdf * 0.6,
      nbPostings: [...nbPostings],
      nbLogNorm,
      nbLogAlpha: Math.log(alpha),
    });
    return { index, examples };
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
