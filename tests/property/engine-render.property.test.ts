import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderResult } from '../../src/discord/render/answer.ts';
import { createEngine } from '../../src/engine/index.ts';
import type { Engine } from '../../src/engine/types.ts';
import type { KnowledgeBase } from '../../src/knowledge/types.ts';
import { rules } from '../../src/simulator/index.ts';
import { realKb } from '../helpers/bot-harness.ts';
import { anyQuestion, PROPERTY_SEED, RUNS } from './arbitraries.ts';

let kb: KnowledgeBase;
let engine: Engine;
beforeAll(async () => {
  kb = await realKb();
  engine = createEngine(kb);
});

describe('property: any input', () => {
  it('the engine never throws and always returns a valid result', () => {
    const ids = new Set(kb.entries.map((e) => e.id));
    fc.assert(
      fc.property(anyQuestion, (q) => {
        const r = engine.ask(q);
        expect(r.query).toBe(q);
        expect(['answered', 'suggestions', 'no_match']).toContain(r.status);
        expect(r.confidence).toBeGreaterThanOrEqual(0);
        expect(r.confidence).toBeLessThanOrEqual(1);
        expect(r.answer === null).toBe(r.status !== 'answered');
        if (r.answer) expect(ids.has(r.answer.id)).toBe(true);
        if (r.status === 'suggestions') expect(r.suggestions.length).toBeGreaterThanOrEqual(2);
        expect(r.suggestions.length).toBeLessThanOrEqual(5);
        expect(() => JSON.stringify(r)).not.toThrow();
      }),
      { numRuns: RUNS, seed: PROPERTY_SEED },
    );
  });

  it('autocomplete never throws and stays within 25 choices of <= 100 characters', () => {
    fc.assert(
      fc.property(anyQuestion, (q) => {
        const s = engine.suggest(q);
        expect(s.length).toBeLessThanOrEqual(25);
        for (const item of s) expect(item.label.length).toBeLessThanOrEqual(100);
      }),
      { numRuns: RUNS, seed: PROPERTY_SEED },
    );
  });

  it('every rendered reply is within Discord limits, whatever was asked', () => {
    fc.assert(
      fc.property(anyQuestion, fc.boolean(), (q, shareable) => {
        const reply = renderResult(engine.ask(q), kb, { question: q, shareable });
        expect(
          rules.validateMessageBody({
            content: reply.content,
            embeds: reply.embeds,
            components: reply.components,
          }),
        ).toEqual([]);
      }),
      { numRuns: RUNS, seed: PROPERTY_SEED },
    );
  });
});
