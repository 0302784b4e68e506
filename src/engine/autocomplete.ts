import type { Entry, KnowledgeBase } from '../knowledge/types.ts';
import type { Analyzer } from './analyzer.ts';
import type { LexicalIndex } from './lexical-index.ts';
import { sanitizeQuery } from './sanitize.ts';
import type { AutocompleteItem } from './types.ts';

/** Shown for an empty autocomplete box: the questions most people start with (missing ids are skipped). */
export const STARTER_IDS = [
  'oxytocin-in-short',
  'where-is-oxytocin-made',
  'love-hormone-myth',
  'oxytocin-and-trust',
  'oxytocin-touch-hugging',
  'oxytocin-in-childbirth',
  'oxytocin-breastfeeding',
  'pitocin-synthetic-oxytocin',
  'oxytocin-autism',
  'natural-ways-to-raise-oxytocin',
  'intranasal-oxytocin',
  'is-oxytocin-safe',
];

const MAX_LABEL = 100;
/** How many indexed terms a half-typed last word may stand for. */
const PREFIX_EXPANSION = 12;

/**
 * Autocomplete over the same index as the engine: the finished words are typo-corrected terms, the word being
 * typed is a prefix of indexed terms. Entries are ranked by their best matching title or question.
 */
export function createAutocomplete(
  kb: KnowledgeBase,
  index: LexicalIndex,
  analyzer: Analyzer,
): (partial: string, limit?: number) => AutocompleteItem[] {
  const byId = new Map(kb.entries.map((e) => [e.id, e]));
  const starters = [
    ...STARTER_IDS.filter((id) => byId.has(id)),
    ...kb.entries.map((e) => e.id).filter((id) => !STARTER_IDS.includes(id)),
  ];
  const item = (e: Entry): AutocompleteItem => ({
    id: e.id,
    label: e.title.length <= MAX_LABEL ? e.title : `${e.title.slice(0, MAX_LABEL - 1)}…`,
  });

  return (partial: string, limit = 25) => {
    const max = Math.max(0, Math.min(25, Math.floor(limit)));
    const text = sanitizeQuery(partial).slice(0, 200);
    const words = analyzer.words(text);
    if (words.length === 0 || max === 0)
      return starters.slice(0, max).map((id) => item(byId.get(id) as Entry));

    const typing = /[\p{L}\p{N}]$/u.test(text) ? (words.pop() as string) : undefined;
    const weights = new Map<string, number>();
    for (const t of analyzer.analyze(words.join(' '), { correct: true }).terms) {
      weights.set(t, index.idf.get(t) ?? 0);
    }
    if (typing !== undefined) {
      const whole = analyzer.analyze(typing, { correct: true }).terms;
      const expansions = typing.length >= 2 ? index.termsWithPrefix(typing, PREFIX_EXPANSION) : [];
      for (const t of expansions.length > 0 ? expansions : whole) {
        if (!weights.has(t)) weights.set(t, (index.idf.get(t) ?? 0) * (expansions.length > 0 ? 0.9 : 1));
      }
      for (const t of whole) if (!weights.has(t)) weights.set(t, index.idf.get(t) ?? 0);
    }

    const matched = new Map<number, number>();
    for (const [t, w] of weights) {
      for (const p of index.phrasingPostings.get(t) ?? []) matched.set(p, (matched.get(p) ?? 0) + w);
    }
    const best = new Map<number, number>();
    for (const [p, m] of matched) {
      const entry = index.phrasingEntry[p];
      if (entry === undefined) continue;
      const s = m / Math.max(index.phrasingMass[p] as number, 1e-9) + m * 0.01;
      if (s > (best.get(entry) ?? 0)) best.set(entry, s);
    }
    return [...best.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, max)
      .map(([entry]) => item(index.entries[entry] as Entry));
  };
}
