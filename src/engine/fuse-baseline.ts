import Fuse from 'fuse.js';
import type { Entry, KnowledgeBase } from '../knowledge/types.ts';
import { answerView } from './answer.ts';
import { sanitizeQuery } from './sanitize.ts';
import type { AskResult, AutocompleteItem, Engine } from './types.ts';

interface Doc {
  entry: Entry;
  text: string;
}

export interface FuseEngineOptions {
  /** fuse.js token search (BM25-style, fuse.js >= 7.3) instead of whole-string Bitap. */
  tokenSearch?: boolean;
  /** Fuse score (0 = perfect) at or below which the top hit is answered. */
  answerBelow?: number;
  /** Fuse score above which nothing is offered. */
  rejectAbove?: number;
}

/**
 * Plain fuse.js over each entry's title and alternate questions: the baseline the engine is measured against
 * (and, with `tokenSearch`, fuse.js's own token search).
 */
export function createFuseEngine(kb: KnowledgeBase, options: FuseEngineOptions = {}): Engine {
  const { answerBelow = 0.25, rejectAbove = 0.5, tokenSearch = false } = options;
  const docs: Doc[] = kb.entries.flatMap((entry) =>
    [entry.title, ...entry.questions].map((text) => ({ entry, text })),
  );
  const fuse = new Fuse(docs, {
    keys: ['text'],
    includeScore: true,
    ignoreLocation: true,
    threshold: 0.6,
    ...(tokenSearch ? { useTokenSearch: true } : {}),
  } as ConstructorParameters<typeof Fuse<Doc>>[1]);

  const ranked = (query: string) => {
    const best = new Map<string, { entry: Entry; score: number }>();
    for (const hit of fuse.search(query, { limit: 50 })) {
      const score = hit.score ?? 1;
      const prev = best.get(hit.item.entry.id);
      if (!prev || score < prev.score) best.set(hit.item.entry.id, { entry: hit.item.entry, score });
    }
    return [...best.values()].sort((a, b) => a.score - b.score);
  };

  return {
    ask(raw: string): AskResult {
      const query = sanitizeQuery(raw);
      const hits = query ? ranked(query.slice(0, 300)) : [];
      const top = hits[0];
      const confidence = top ? Math.max(0, Math.min(1, 1 - top.score)) : 0;
      if (!top || top.score > rejectAbove) {
        return { query: raw, status: 'no_match', confidence, answer: null, suggestions: [] };
      }
      if (top.score <= answerBelow) {
        return {
          query: raw,
          status: 'answered',
          confidence,
          answer: answerView(top.entry, kb),
          suggestions: [],
        };
      }
      return {
        query: raw,
        status: 'suggestions',
        confidence,
        answer: null,
        suggestions: hits
          .slice(0, 5)
          .map((h) => ({ id: h.entry.id, title: h.entry.title, confidence: 1 - h.score })),
      };
    },
    suggest(partial: string, limit = 25): AutocompleteItem[] {
      const query = sanitizeQuery(partial);
      const entries = query ? ranked(query.slice(0, 100)).map((h) => h.entry) : kb.entries;
      return entries.slice(0, limit).map((e) => ({ id: e.id, label: e.title }));
    },
  };
}
