export { answerView, citationLabel, citationViews } from './answer.ts';
export { createFuseEngine } from './fuse-baseline.ts';
export { sanitizeQuery } from './sanitize.ts';
export type * from './types.ts';

import type { KnowledgeBase } from '../knowledge/types.ts';
import { createFuseEngine } from './fuse-baseline.ts';
import type { Engine } from './types.ts';

/** The engine the CLI and the bot use: built once from the loaded knowledge base. */
export function createEngine(kb: KnowledgeBase): Engine {
  return createFuseEngine(kb);
}
export { EVIDENCE_LEGEND, evidenceLine } from './evidence.ts';
