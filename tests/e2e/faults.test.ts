import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_IDENTIFY_WAIT } from '../../src/demo/local-stack.ts';
import { startBot } from '../../src/discord/bot.ts';
import { createEngine } from '../../src/engine/index.ts';
import { createLogger } from '../../src/logger.ts';
import { startSimulator } from '../../src/simulator/index.ts';
import { type Harness, realKb, startHarness } from '../helpers/bot-harness.ts';

const CALLBACK = 'POST /interactions/:id/:token/callback';
const TITLE = 'Where is oxytocin made in the body?';

describe('faults between the bot and Discord', () => {
  let h: Harness;
  const ask = () => h.sim.slash('oxytocin', 'ask', { question: 'where is oxytocin made?' });

  beforeAll(async () => {
    h = await startHarness({ simulator: { heartbeatIntervalMs: 1000 } });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('429 with Retry-After on the interaction callback: the reply still arrives after the wait', async () => {
    h.sim.failNext(CALLBACK, 1, { status: 429, retryAfter: 0.3 });
    const r = await ask();
    expect(r.type).toBe('reply');
    expect(r.embeds[0]?.title).toBe(TITLE);
    expect(h.sim.requests().filter((q) => q.status === 429).length).toBeGreaterThanOrEqual(1);
  });

  it('429 on channel messages: the reply to a mention still arrives', async () => {
    h.sim.failNext('POST /channels/:id/messages', 1, { status: 429, retryAfter: 0.3 });
    const r = await h.sim.sendMessage('where is oxytocin made?', { mentionBot: true });
    expect(r.type).toBe('message');
    expect(r.embeds[0]?.title).toBe(TITLE);
  });

  it('500s are retried', async () => {
    h.sim.failNext(CALLBACK, 2, { status: 500 });
    const r = await ask();
    expect(r.embeds[0]?.title).toBe(TITLE);
  });

  it('when retries run out, the failure is logged with context and the next interaction is served', async () => {
    h.sim.failNext(CALLBACK, 20, { status: 500 });
    const lost = await h.sim.slash('oxytocin', 'ask', { question: 'what is pitocin' }, { timeoutMs: 2500 });
    expect(lost.type).toBe('none');
    h.sim.clearFaults();
    const logged = h.logRecords().find((l) => l.msg === 'interaction handler failed');
    expect(logged).toMatchObject({ interactionId: expect.any(String), command: 'oxytocin' });
    const next = await ask();
    expect(next.embeds[0]?.title).toBe(TITLE);
    h.sim.clearViolations(); // the lost interaction is recorded as never acknowledged, by design of this test
  });

  it.each([
    ['closed with 4000', () => h.sim.dropGateway({ code: 4000 })],
    ['dropped without a close frame', () => h.sim.dropGateway()],
    ['op 7 reconnect', () => h.sim.sendReconnect()],
    ['op 9 invalid session (resumable)', () => h.sim.sendInvalidSession(true)],
    ['op 9 invalid session (not resumable)', () => h.sim.sendInvalidSession(false)],
    ['the simulator restarted', () => h.sim.restart({ downtimeMs: 300 })],
  ])(
    'gateway %s: the bot comes back and answers',
    async (_name, fault) => {
      await fault();
      const r = await h.sim.slash(
        'oxytocin',
        'ask',
        { question: 'where is oxytocin made?' },
        { timeoutMs: 15_000 },
      );
      expect(r.embeds[0]?.title).toBe(TITLE);
    },
    30_000,
  );

  it('recorded no rule violation and never logged the token', () => {
    expect(h.sim.violations()).toEqual([]);
    expect(h.logs().join('\n')).not.toContain(h.token);
  });
});

describe('secrets in error paths', () => {
  it('a failed login (401) never writes the token to the log', async () => {
    const sim = await startSimulator({ token: 'the-right-token-for-this-simulator-0000' });
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _e, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const wrong = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.wrongwrongwrongwrongwrongwrongwrong12';
    const logger = createLogger({ level: 'debug', pretty: false, destination, secrets: [wrong] });
    const kb = await realKb();
    try {
      await expect(
        startBot({
          token: wrong,
          kb,
          engine: createEngine(kb),
          logger,
          apiBase: sim.apiBase,
          clientOptions: NO_IDENTIFY_WAIT,
        }),
      ).rejects.toThrow();
      logger.error(
        { err: new Error(`login failed for ${wrong}`), headers: { authorization: `Bot ${wrong}` } },
        'login failed',
      );
      const text = lines.join('');
      expect(text).toContain('login failed');
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(wrong.slice(0, 24));
    } finally {
      await sim.stop();
    }
  });
});
