import { loadKnowledgeOrReport } from '../cli/load-knowledge.ts';
import { createEngine } from '../engine/index.ts';
import type { Logger } from '../logger.ts';
import { hashKnowledgeDir } from './hash.ts';
import { type KnowledgeHolder, knowledgeHolder } from './holder.ts';

/**
 * The knowledge a serving process starts with (the bot and the HTTP endpoint alike): loaded, validated, built
 * and hashed, in the holder that live reload swaps later. Undefined, with every problem reported, when the
 * knowledge base is broken.
 */
export async function loadInitialKnowledge(
  dir: string,
  logger: Logger,
): Promise<KnowledgeHolder | undefined> {
  const kb = await loadKnowledgeOrReport(dir);
  if (!kb) return undefined;
  const holder = knowledgeHolder({
    kb,
    engine: createEngine(kb),
    hash: await hashKnowledgeDir(dir),
    loadedAt: new Date(),
  });
  logger.info(
    { entries: kb.entries.length, references: kb.references.size, hash: holder.current.hash },
    'knowledge base loaded',
  );
  return holder;
}
