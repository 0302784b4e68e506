import type { Engine } from '../engine/types.ts';
import type { KnowledgeBase } from '../knowledge/types.ts';

/** Builds the engine for a knowledge base with this content hash (the model cache restores a stored model). */
export type BuildEngine = (kb: KnowledgeBase, hash: string) => Engine | Promise<Engine>;

/** One knowledge base and the engine built from it: always swapped together. */
export interface LoadedKnowledge {
  kb: KnowledgeBase;
  engine: Engine;
  /** Content hash of the knowledge directory (see hash.ts); empty when built in memory. */
  hash: string;
  loadedAt: Date;
}

/**
 * The one place the serving knowledge lives. Handlers read `current` once, when an interaction or message
 * arrives (the router takes a snapshot), so a question in flight finishes on the pair it started with while
 * the next one gets the new pair.
 */
export interface KnowledgeHolder {
  readonly current: LoadedKnowledge;
  swap(next: LoadedKnowledge): void;
}

export function knowledgeHolder(initial: LoadedKnowledge): KnowledgeHolder {
  let current = initial;
  return {
    get current() {
      return current;
    },
    swap(next) {
      current = next;
    },
  };
}

/** What /healthz shows, so an operator can see every replica serves the same knowledge. */
export function knowledgeStatus(holder: KnowledgeHolder): {
  hash: string;
  entries: number;
  loadedAt: string;
} {
  const { hash, kb, loadedAt } = holder.current;
  return { hash, entries: kb.entries.length, loadedAt: loadedAt.toISOString() };
}
