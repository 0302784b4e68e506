export { answerView, citationLabel, citationViews } from './answer.ts';
export { createFuseEngine } from './fuse-baseline.ts';
export { createHybridEngine, DEFAULT_HYBRID_OPTIONS, type HybridOptions } from './hybrid.ts';
export { sanitizeQuery } from './sanitize.ts';
export type * from './types.ts';

import type { KnowledgeBase } from '../knowledge/types.ts';
import { createHybridEngine } from './hybrid.ts';
import type { Engine } from './types.ts';

/** The engine the CLI and the bot use: built once from the loaded knowledge base. */
export function createEngine(kb: KnowledgeBase): Engine {
  return createHybridEngine(kb);
}
export { EVIDENCE_LEGEND, evidenceLine } from './evidence.ts';
