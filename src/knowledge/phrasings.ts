import type { Entry } from './types.ts';

/** An entry's alternate questions and training phrasings: both teach the matcher how people ask. */
export function phrasingsOf(e: Entry): string[] {
  return e.training.length > 0 ? [...e.questions, ...e.training] : e.questions;
}
