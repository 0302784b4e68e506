import { normalizeQuestion } from '../knowledge/rules.ts';
import type { UnansweredRow } from '../store/types.ts';
import type { UnansweredGroup } from './types.ts';

/** Two wordings whose word sets overlap this much (Jaccard, spelling-tolerant), with the same best guess, are one group. */
export const NEAR_DUPLICATE = 0.6;

interface Cluster {
  key: string;
  guess: string | null;
  words: Set<string>;
  count: number;
  lastAsked: Date;
  wordings: Map<string, number>;
  suggestions: Map<string, number>;
}

/**
 * Groups the unanswered questions: the same normalised text together first, then near-duplicates together
 * under the engine's best guess (its top suggestion when asked), so "oxytocin and behaviour" and "oxytocin
 * and behavior in men" land together when the engine guessed the same entry for both.
 */
export function groupUnanswered(rows: UnansweredRow[]): { groups: UnansweredGroup[]; variants: string[][] } {
  const exact = new Map<string, Cluster>();
  for (const row of rows) {
    const key = normalizeQuestion(row.question);
    let c = exact.get(key);
    if (!c) {
      c = {
        key,
        guess: null,
        words: new Set(key.split(' ').filter(Boolean)),
        count: 0,
        lastAsked: row.at,
        wordings: new Map(),
        suggestions: new Map(),
      };
      exact.set(key, c);
    }
    c.count++;
    if (row.at > c.lastAsked) c.lastAsked = row.at;
    c.wordings.set(row.question, (c.wordings.get(row.question) ?? 0) + 1);
    const guesses = row.suggestionIds.length > 0 ? row.suggestionIds : row.topEntryId ? [row.topEntryId] : [];
    for (const id of guesses) c.suggestions.set(id, (c.suggestions.get(id) ?? 0) + 1);
  }
  for (const c of exact.values()) c.guess = top(c.suggestions)[0] ?? null;

  const merged: Cluster[] = [];
  for (const c of [...exact.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))) {
    const home = merged.find((m) => m.guess === c.guess && jaccard(m.words, c.words) >= NEAR_DUPLICATE);
    if (!home) {
      merged.push({ ...c, wordings: new Map(c.wordings), suggestions: new Map(c.suggestions) });
      continue;
    }
    home.count += c.count;
    if (c.lastAsked > home.lastAsked) home.lastAsked = c.lastAsked;
    for (const [w, n] of c.wordings) home.wordings.set(w, (home.wordings.get(w) ?? 0) + n);
    for (const [id, n] of c.suggestions) home.suggestions.set(id, (home.suggestions.get(id) ?? 0) + n);
  }
  merged.sort((a, b) => b.count - a.count || +b.lastAsked - +a.lastAsked);
  return {
    groups: merged.map((c) => ({
      question: top(c.wordings)[0] ?? c.key,
      count: c.count,
      lastAsked: c.lastAsked.toISOString(),
      suggestions: top(c.suggestions).slice(0, 5),
    })),
    variants: merged.map((c) => top(c.wordings).slice(1)),
  };
}

/** Keys by count, highest first (ties in insertion order). */
export function top<K>(counts: Map<K, number>): K[] {
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
}

/**
 * Word-set overlap, where two words of 5+ letters one edit apart count as the same ("behaviour" and
 * "behavior", "oxytocin" and "oxytocn"): people's spelling should not split a group.
 */
function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const w of a) if (b.has(w) || [...b].some((v) => nearWord(w, v))) shared++;
  return shared / (a.size + b.size - shared);
}

function nearWord(a: string, b: string): boolean {
  if (a.length < 5 || b.length < 5 || Math.abs(a.length - b.length) > 1) return false;
  // One insertion, deletion or substitution.
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const restA = a.slice(i);
  const restB = b.slice(i);
  return restA.slice(1) === restB.slice(1) || restA.slice(1) === restB || restA === restB.slice(1);
}
