import { createEngine } from '../../src/engine/index.ts';
import type { Engine } from '../../src/engine/types.ts';
import type { KnowledgeBase } from '../../src/knowledge/types.ts';

/** A question that makes the test engine throw, to prove one failing handler does not take the bot down. */
export const EXPLODE = 'please explode now';

/** The real engine, except that it throws on EXPLODE. */
export function explodingEngine(kb: KnowledgeBase): Engine {
  const real = createEngine(kb);
  return {
    ask: (q) => {
      if (q.includes(EXPLODE)) throw new Error('test failure on purpose');
      return real.ask(q);
    },
    suggest: (partial, limit) => real.suggest(partial, limit),
  };
}
