export { answerView, citationLabel, citationViews } from './answer.ts';
export {
  createHybridEngine,
  DEFAULT_HYBRID_OPTIONS,
  type HybridEngine,
  type HybridOptions,
  type TrainedModel,
} from './hybrid.ts';
export { sanitizeQuery } from './sanitize.ts';
export type { SoftmaxModel } from './softmax.ts';
export type * from './types.ts';

import type { KnowledgeBase } from '../knowledge/types.ts';
import { createHybridEngine, type HybridEngine, type TrainedModel } from './hybrid.ts';

/**
 * The engine the CLI and the bot use: built once from the loaded knowledge base, or from a model it trained
 * earlier for the same knowledge (`engine.trained()`), which skips training.
 */
export function createEngine(kb: KnowledgeBase, trained?: TrainedModel): HybridEngine {
  return createHybridEngine(kb, {}, trained);
}
export { EVIDENCE_LEGEND, evidenceLine } from './evidence.ts';
