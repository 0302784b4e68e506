import type { AskResult } from '../../engine/types.ts';
import type { KnowledgeBase } from '../../knowledge/types.ts';

/**
 * Whether an answer may be posted for someone else: only a confident answer from an entry that exists. A
 * "did you mean" or a no-match is never posted in the channel with a ping; the helper sees it privately.
 */
export function isConfident(result: AskResult, kb: KnowledgeBase): boolean {
  return result.status === 'answered' && kb.entries.some((e) => e.id === result.answer?.id);
}

/** The line above the private "did you mean" or no-match the helper sees instead. */
export function notSureText(result: AskResult, forWhom: string, pickDoes: string): string {
  return result.status === 'suggestions' && result.suggestions.length > 0
    ? `Nothing was posted: I'm not sure which answer ${forWhom} needs. Pick one and I'll ${pickDoes}.`
    : `Nothing was posted for ${forWhom}: I don't have an answer for that.`;
}
