/**
 * Typo correction against the knowledge base's own vocabulary, by symmetric deletes (the SymSpell idea):
 * every known word is indexed under the strings one or two deletions away, so a look-up costs a few hash
 * probes instead of an edit-distance scan over the whole vocabulary (a fuse.js search per query word was
 * measured at ~50x slower; see the README).
 */
export interface TypoOptions {
  /** Shortest word corrected at edit distance 1. Shorter words are too ambiguous ("sex" vs "sec"). */
  minLength1: number;
  /** Shortest word corrected at edit distance 2. */
  minLength2: number;
  /** Real words that are never corrected, even when a known word is one edit away ("snore" is not "score"). */
  realWords?: { has(word: string): boolean };
}

export const DEFAULT_TYPO_OPTIONS: TypoOptions = { minLength1: 5, minLength2: 8 };

/**
 * Deletes are generated from a word's first characters only (SymSpell's prefix trick): candidates are then
 * checked against the whole word, so long words cost no more to index than 7-letter ones.
 */
const PREFIX = 7;

export class TypoCorrector {
  private readonly known: Map<string, number>;
  private readonly deletes = new Map<string, string[]>();

  /** `frequencies`: word -> how many entries use it (ties go to the commoner word). */
  constructor(
    frequencies: Map<string, number>,
    private readonly options: TypoOptions = DEFAULT_TYPO_OPTIONS,
  ) {
    this.known = new Map();
    for (const [word, frequency] of frequencies) this.add(word, frequency);
  }

  /** Makes a word known (a later correction may return it). */
  add(word: string, frequency: number): void {
    if (this.known.has(word)) {
      this.known.set(word, frequency);
      return;
    }
    this.known.set(word, frequency);
    if (word.length < this.options.minLength1 - 1) return;
    for (const d of deletions(word.slice(0, PREFIX), word.length >= this.options.minLength2 - 1 ? 2 : 1)) {
      const list = this.deletes.get(d);
      if (list) list.push(word);
      else this.deletes.set(d, [word]);
    }
  }

  has(word: string): boolean {
    return this.known.has(word);
  }

  /** The closest known word, or undefined when the word is known, too short, or nothing is close enough. */
  correct(word: string): string | undefined {
    if (this.known.has(word) || word.length < this.options.minLength1 || /\d/.test(word)) return undefined;
    if (this.options.realWords?.has(word)) return undefined;
    const maxDistance = word.length >= this.options.minLength2 ? 2 : 1;
    let best: { word: string; distance: number; freq: number } | undefined;
    for (const d of deletions(word.slice(0, PREFIX), maxDistance)) {
      for (const candidate of this.deletes.get(d) ?? []) {
        const distance = damerauLevenshtein(word, candidate, maxDistance);
        if (distance > maxDistance) continue;
        const freq = this.known.get(candidate) ?? 0;
        if (!best || distance < best.distance || (distance === best.distance && freq > best.freq)) {
          best = { word: candidate, distance, freq };
        }
      }
    }
    return best?.word;
  }
}

/** The word itself and every string reachable by deleting up to `max` characters. */
function deletions(word: string, max: number): Set<string> {
  const out = new Set<string>([word]);
  let frontier = [word];
  for (let depth = 0; depth < max; depth++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const d = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(d)) {
          out.add(d);
          next.push(d);
        }
      }
    }
    frontier = next;
  }
  return out;
}

/** Optimal-string-alignment distance (adjacent swaps count 1), stopping early past `max`. */
export function damerauLevenshtein(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 0; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    let rowMin = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const prev = rows[i - 1] as number[];
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return (rows[a.length] as number[])[b.length] as number;
}
