import { loadKnowledgeOrReport } from '../cli/load-knowledge.ts';
import { createEngine } from '../engine/index.ts';
import type { Logger } from '../logger.ts';
import { hashKnowledgeDir } from './hash.ts';
import { type BuildEngine, type KnowledgeHolder, knowledgeHolder } from './holder.ts';

/**
 * The knowledge a serving process starts with (the bot and the HTTP endpoint alike): loaded, validated, built
 * and hashed, in the holder that live reload swaps later. Undefined, with every problem reported, when the
 * knowledge base is broken.
 */
export async function loadInitialKnowledge(
  dir: string,
  logger: Logger,
  build: BuildEngine = (kb) => createEngine(kb),
): Promise<KnowledgeHolder | undefined> {
  const kb = await loadKnowledgeOrReport(dir);
  if (!kb) return undefined;
  const hash = await hashKnowledgeDir(dir);
  const holder = knowledgeHolder({ kb, engine: await build(kb, hash), hash, loadedAt: new Date() });
  logger.info(
    { entries: kb.entries.length, references: kb.references.size, hash: holder.current.hash },
    'knowledge base loaded',
  );
  return holder;
}
