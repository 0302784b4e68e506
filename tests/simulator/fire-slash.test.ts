import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/index.ts';
import { callback, RawBot, registerCommands, startTestSim } from './helpers.ts';

const COMMANDS = [
  {
    name: 'oxytocin',
    description: 'Ask about oxytocin',
    options: [
      {
        type: 1,
        name: 'ask',
        description: 'Ask a question',
        options: [{ type: 3, name: 'question', description: 'The question', required: true }],
      },
    ],
  },
];

describe('fireSlash (load tests)', () => {
  let sim: Simulator;
  let bot: RawBot;

  beforeAll(async () => {
    // A long quiet period: slash() would wait for it, fireSlash() must not.
    // The deadline leaves room for 30 interactions in flight on a busy 2-core CI machine.
    sim = await startTestSim({ ackDeadlineMs: 1500, quietMs: 5000 });
    await registerCommands(sim, COMMANDS);
    bot = await RawBot.connect(sim);
  });
  afterAll(async () => {
    bot.close();
    await sim.stop();
  });

  it('resolves as soon as the bot acknowledges, with the latency and callback type', async () => {
    const started = Date.now();
    const pending = sim.fireSlash('oxytocin', 'ask', { question: 'what is it?' });
    const { d } = await bot.waitFor('INTERACTION_CREATE');
    expect(d.data.options[0].options[0]).toMatchObject({ name: 'question', value: 'what is it?' });
    await callback(sim, d, { type: 4, data: { content: 'An answer' } });
    const ack = await pending;
    expect(ack).toMatchObject({ interactionId: d.id, acknowledged: true, callbackType: 4 });
    expect(ack.ackMs).toBeGreaterThan(0);
    expect(ack.ackMs).toBeLessThan(1000);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(sim.violations()).toEqual([]);
  });

  it('many in flight at once, answered out of order: each resolves with its own interaction', async () => {
    const pending = Array.from({ length: 30 }, (_, i) =>
      sim.fireSlash('oxytocin', 'ask', { question: `question ${i}` }),
    );
    const events = [];
    for (let i = 0; i < 30; i++) events.push((await bot.waitFor('INTERACTION_CREATE')).d);
    for (const d of events.reverse()) await callback(sim, d, { type: 5 });
    const acks = await Promise.all(pending);
    expect(acks.every((a) => a.acknowledged && a.callbackType === 5)).toBe(true);
    expect(new Set(acks.map((a) => a.interactionId)).size).toBe(30);
    expect(sim.violations()).toEqual([]);
  });

  it('resolves unacknowledged once the deadline passes', async () => {
    const ack = await sim.fireSlash('oxytocin', 'ask', { question: 'nobody answers' });
    await bot.waitFor('INTERACTION_CREATE');
    expect(ack).toMatchObject({ acknowledged: false, ackMs: null, callbackType: null });
  });
});
