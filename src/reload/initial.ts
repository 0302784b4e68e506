import { createEngine } from '../engine/index.ts';
import type { KnowledgeCache } from '../knowledge-cache/index.ts';
import type { Logger } from '../logger.ts';
import { hashKnowledgeDir } from './hash.ts';
import { type KnowledgeHolder, knowledgeHolder, type LoadedKnowledge } from './holder.ts';

/**
 * The knowledge a serving process starts with (the bot and the HTTP endpoint alike): loaded, validated, built
 * and hashed (or restored from `cache`), in the holder that live reload swaps later. Undefined, with every
 * problem reported, when the knowledge base is broken.
 */
export async function loadInitialKnowledge(
  dir: string,
  logger: Logger,
  cache?: KnowledgeCache,
): Promise<KnowledgeHolder | undefined> {
  const loaded = cache ? await cache.load(dir) : await loadWithoutCache(dir);
  if (!loaded) return undefined;
  const holder = knowledgeHolder(loaded);
  logger.info(
    { entries: loaded.kb.entries.length, references: loaded.kb.references.size, hash: loaded.hash },
    'knowledge base loaded',
  );
  return holder;
}

async function loadWithoutCache(dir: string): Promise<LoadedKnowledge | undefined> {
  // Loaded on demand, like the cache's miss path: the YAML parser only when knowledge is parsed.
  const { loadKnowledgeOrReport } = await import('../cli/load-knowledge.ts');
  const kb = await loadKnowledgeOrReport(dir);
  if (!kb) return undefined;
  return { kb, engine: createEngine(kb), hash: await hashKnowledgeDir(dir), loadedAt: new Date() };
}
