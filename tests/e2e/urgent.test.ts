import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { URGENT_FIELD_NAME } from '../../src/discord/render/answer.ts';
import type { ResponseView } from '../../src/simulator/index.ts';
import { type Harness, startHarness } from '../helpers/bot-harness.ts';

const QUESTION = 'how much oxytocin should i take';

/** The urgent line comes first, in its own embed, and the answer follows it. */
function expectUrgentFirst(r: ResponseView, h: Harness) {
  const entry = h.kb.entries.find((e) => e.title === r.embeds.at(-1)?.title);
  expect(entry?.category).toBe('safety');
  expect(r.embeds).toHaveLength(2);
  expect(r.embeds[0]?.fields).toEqual([{ name: URGENT_FIELD_NAME, value: entry?.urgent }]);
  expect(r.embeds[1]?.description).toMatch(/not medical advice/i);
}

describe('a safety answer shows what to do now above the answer, wherever it appears', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('every safety entry has an urgent line', () => {
    for (const e of h.kb.entries.filter((x) => x.category === 'safety')) expect(e.urgent, e.id).toBeTruthy();
  });

  it('/oxytocin ask, public and private', async () => {
    expectUrgentFirst(await h.sim.slash('oxytocin', 'ask', { question: QUESTION }), h);
    expectUrgentFirst(await h.sim.slash('oxytocin', 'ask', { question: QUESTION, private: true }), h);
  });

  it('/oxytocin topic', async () => {
    expectUrgentFirst(await h.sim.slash('oxytocin', 'topic', { entry: 'safety-dosing' }), h);
  });

  it('a mention, a DM and the message menu', async () => {
    expectUrgentFirst(await h.sim.sendMessage(QUESTION, { mentionBot: true }), h);
    expectUrgentFirst(await h.sim.sendMessage(QUESTION, { dm: true }), h);
    expectUrgentFirst(await h.sim.messageContextMenu('Ask Oxytocin Bot', h.sim.postMessage(QUESTION)), h);
    expect(h.sim.violations()).toEqual([]);
  });

  it('an answer without an urgent line has one embed', async () => {
    const r = await h.sim.slash('oxytocin', 'ask', { question: 'where is oxytocin made?' });
    expect(r.embeds).toHaveLength(1);
  });
});
