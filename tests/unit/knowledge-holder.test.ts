import { describe, expect, it } from 'vitest';
import { createBotContext } from '../../src/discord/bot.ts';
import { withCurrentKnowledge } from '../../src/discord/context.ts';
import { createEngine } from '../../src/engine/index.ts';
import { type KnowledgeBase, loadKnowledgeBase } from '../../src/knowledge/index.ts';
import { createLogger } from '../../src/logger.ts';
import { knowledgeHolder, knowledgeStatus } from '../../src/reload/holder.ts';
import { VALID_KB } from '../helpers/kb-fixtures.ts';

describe('the knowledge holder', () => {
  it('a question in flight keeps the pair it started with; the next one gets the new pair', async () => {
    const kb = (await loadKnowledgeBase(VALID_KB)).kb as KnowledgeBase;
    const engine = createEngine(kb);
    const holder = knowledgeHolder({ kb, engine, hash: 'aaaa', loadedAt: new Date(0) });
    const base = createBotContext({
      kb,
      engine,
      knowledge: holder,
      logger: createLogger({ level: 'silent' }),
    });

    const inFlight = withCurrentKnowledge(base);
    expect(inFlight).toBe(base); // nothing swapped yet: no copy

    const smaller: KnowledgeBase = { ...kb, entries: kb.entries.slice(1) };
    const next = { kb: smaller, engine: createEngine(smaller), hash: 'bbbb', loadedAt: new Date(1000) };
    holder.swap(next);
    expect(inFlight.kb).toBe(kb);
    expect(inFlight.engine).toBe(engine);

    const after = withCurrentKnowledge(base);
    expect(after.kb).toBe(smaller);
    expect(after.engine).toBe(next.engine);
    expect(knowledgeStatus(holder)).toEqual({
      hash: 'bbbb',
      entries: 2,
      loadedAt: '1970-01-01T00:00:01.000Z',
    });
  });
});
