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

/** Word ids take the low bits of a packed delete (hash * ID_SPAN + id); a double holds 53 bits exactly. */
const ID_BITS = 21;
const ID_SPAN = 2 ** ID_BITS;

/** A corrector as data: its words in the order they were added (with frequencies), and its delete index. */
export interface CorrectorData {
  known: [string, number][];
  deletes: Float64Array;
}

export class TypoCorrector {
  private readonly known = new Map<string, number>();
  private readonly words: string[] = [];
  /**
   * The delete index: one number per (delete, word) pair, hash(delete) * ID_SPAN + word id, sorted so a look-up
   * is a binary search. A Map from each delete string to its words held ~170,000 strings and arrays (7 MB);
   * this is 8 bytes a pair. Two deletes with the same hash only add a candidate that the distance check drops.
   */
  private index: Float64Array = new Float64Array(0);
  /** Pairs added since the index was last sorted (merged in at the next look-up). */
  private pending: number[] = [];

  /** `frequencies`: word -> how many entries use it (ties go to the commoner word). */
  constructor(
    frequencies: Map<string, number>,
    private readonly options: TypoOptions = DEFAULT_TYPO_OPTIONS,
  ) {
    for (const [word, frequency] of frequencies) this.add(word, frequency);
  }

  /** Makes a word known (a later correction may return it). */
  add(word: string, frequency: number): void {
    const isNew = !this.known.has(word);
    this.known.set(word, frequency);
    if (!isNew || word.length < this.options.minLength1 - 1) return;
    const id = this.words.length;
    if (id >= ID_SPAN) throw new Error(`the typo corrector holds at most ${ID_SPAN} words`);
    this.words.push(word);
    for (const h of deleteHashes(word, word.length >= this.options.minLength2 - 1 ? 2 : 1))
      this.pending.push(h * ID_SPAN + id);
  }

  /** The corrector as data, to store and restore (`TypoCorrector.restore`) without indexing again. */
  data(): CorrectorData {
    if (this.pending.length > 0) this.merge();
    return { known: [...this.known], deletes: this.index };
  }

  static restore(data: CorrectorData, options: TypoOptions = DEFAULT_TYPO_OPTIONS): TypoCorrector {
    const corrector = new TypoCorrector(new Map(), options);
    for (const [word, frequency] of data.known) {
      corrector.known.set(word, frequency);
      if (word.length >= options.minLength1 - 1) corrector.words.push(word);
    }
    corrector.index = data.deletes;
    return corrector;
  }

  has(word: string): boolean {
    return this.known.has(word);
  }

  /** The closest known word, or undefined when the word is known, too short, or nothing is close enough. */
  correct(word: string): string | undefined {
    if (this.known.has(word) || word.length < this.options.minLength1 || /\d/.test(word)) return undefined;
    if (this.options.realWords?.has(word)) return undefined;
    if (this.pending.length > 0) this.merge();
    const maxDistance = word.length >= this.options.minLength2 ? 2 : 1;
    let best: { word: string; distance: number; freq: number } | undefined;
    const seen = new Set<number>();
    for (const h of deleteHashes(word, maxDistance)) {
      const index = this.index;
      for (
        let i = lowerBound(index, h * ID_SPAN);
        i < index.length && (index[i] as number) < (h + 1) * ID_SPAN;
        i++
      ) {
        const id = (index[i] as number) % ID_SPAN;
        if (seen.has(id)) continue;
        seen.add(id);
        const candidate = this.words[id] as string;
        const distance = damerauLevenshtein(word, candidate, maxDistance);
        if (distance > maxDistance) continue;
        const freq = this.known.get(candidate) ?? 0;
        // Ties go to the commoner word, then to the first in alphabetical order (the same on every build).
        const better =
          !best ||
          distance < best.distance ||
          (distance === best.distance && (freq > best.freq || (freq === best.freq && candidate < best.word)));
        if (better) {
          best = { word: candidate, distance, freq };
        }
      }
    }
    return best?.word;
  }

  private merge(): void {
    const merged = new Float64Array(this.index.length + this.pending.length);
    merged.set(this.index);
    merged.set(this.pending, this.index.length);
    this.index = merged.sort();
    this.pending = [];
  }
}

/** First position in `sorted` holding a value >= `value`. */
function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The 32-bit hashes (FNV-1a) of the word's prefix and of every string reachable from it by deleting up to
 * `max` characters, without building those strings.
 */
function deleteHashes(word: string, max: number): Set<number> {
  const n = Math.min(word.length, PREFIX);
  const out = new Set<number>();
  const hash = (skipA: number, skipB: number) => {
    let h = 0x811c9dc5;
    for (let k = 0; k < n; k++) {
      if (k === skipA || k === skipB) continue;
      h = Math.imul(h ^ word.charCodeAt(k), 0x01000193);
    }
    return h >>> 0;
  };
  out.add(hash(-1, -1));
  for (let i = 0; i < n; i++) {
    out.add(hash(i, -1));
    if (max >= 2) for (let j = i + 1; j < n; j++) out.add(hash(i, j));
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
