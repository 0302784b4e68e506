import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/discord/deploy.ts';
import { commandDefinitions } from '../../src/discord/load-commands.ts';
import { MAX_BODY_BYTES } from '../../src/http/body.ts';
import { type InteractionsServer, startInteractionsServer } from '../../src/http/server.ts';
import type { KnowledgeBase } from '../../src/knowledge/types.ts';
import { createLogger } from '../../src/logger.ts';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { openStore } from '../../src/store/open.ts';
import { createRecorder, type Recorder } from '../../src/store/recorder.ts';
import type { Store } from '../../src/store/types.ts';
import { realKb } from '../helpers/bot-harness.ts';
import { EXPLODE, explodingEngine } from '../helpers/exploding-engine.ts';
import {
  httpRequest,
  publicKeyHex,
  type Relay,
  signedHeaders,
  startRelay,
} from '../helpers/http-interactions.ts';

const PING = JSON.stringify({ type: 1, id: '1', application_id: '2', token: 't', version: 1 });

type Component = { type: number; custom_id?: string; label?: string };
const componentsOf = (view: { components: unknown[] }): Component[] =>
  (view.components as { components?: Component[] }[]).flatMap((row) => row.components ?? []);

describe('HTTP interactions endpoint', () => {
  const keys = generateKeyPairSync('ed25519');
  const lines: string[] = [];
  let kb: KnowledgeBase;
  let sim: Simulator;
  let server: InteractionsServer;
  let relay: Relay;
  let url: string;
  let token: string;
  let store: Store;
  let recorder: Recorder;
  const dataDir = mkdtempSync(join(tmpdir(), 'oxytocin-http-store-'));

  const post = (body: string | Buffer, headers: Record<string, string>) =>
    httpRequest(`${url}/interactions`, { method: 'POST', headers, body });
  const logRecords = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

  beforeAll(async () => {
    kb = await realKb();
    token = `${randomBytes(18).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
    sim = await startSimulator({ token, quietMs: 100 });
    await deployCommands(
      { token, clientId: sim.applicationId, guildId: sim.guild.id, apiBase: sim.apiBase },
      commandDefinitions(kb),
    );
    const engine = explodingEngine(kb);
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    store = await openStore({ dataDir });
    recorder = createRecorder({ store, logger: createLogger({ level: 'silent' }), flushMs: 60_000 });
    server = await startInteractionsServer({
      publicKey: publicKeyHex(keys.publicKey),
      token,
      applicationId: sim.applicationId,
      apiBase: sim.apiBase,
      port: 0,
      host: '127.0.0.1',
      kb,
      engine,
      logger: createLogger({ level: 'debug', pretty: false, destination, secrets: [token] }),
      cooldown: { questions: 1000, seconds: 30 },
      recorder,
      store,
      transport: 'http',
    });
    url = `http://127.0.0.1:${server.port}`;
    relay = await startRelay(sim, `${url}/interactions`, keys.privateKey);
  });

  afterAll(async () => {
    await relay?.stop();
    await server?.close();
    await sim?.stop();
    await recorder?.close();
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers a signed PING with PONG', async () => {
    const r = await post(PING, signedHeaders(keys.privateKey, PING));
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(r.body)).toEqual({ type: 1 });
  });

  it('/oxytocin ask: the handler answers through REST, the request gets 202', async () => {
    sim.clearRequests();
    const before = relay.replies.length;
    const r = await sim.slash('oxytocin', 'ask', { question: 'where is oxytocin made?' });
    expect(r.type).toBe('reply');
    expect(r.embeds[0]?.title).toBe('Where is oxytocin made in the body?');

    const callbacks = sim
      .requests()
      .filter((q) => q.route === 'POST /interactions/:interaction/:token/callback');
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]).toMatchObject({ method: 'POST', status: 204 });
    const body = callbacks[0]?.body as { type: number; data: { embeds: { title: string }[] } };
    expect(body.type).toBe(4);
    expect(body.data.embeds[0]?.title).toBe('Where is oxytocin made in the body?');
    expect(callbacks[0]?.path).toBe(
      `/interactions/${(r.raw.event as { id: string }).id}/${(r.raw.event as { token: string }).token}/callback`,
    );

    expect(relay.replies.slice(before)).toEqual([{ status: 202, headers: expect.anything(), body: '' }]);
    expect(sim.violations()).toEqual([]);
  });

  it('/oxytocin-admin works over HTTP: a setting saved by a deferred reply takes effect', async () => {
    const set = await sim.slash('oxytocin-admin', 'private-default', { state: 'on' });
    expect(set.type).toBe('deferred-reply');
    expect(set.ephemeral).toBe(true);
    expect(set.content).toMatch(/^Private by default: on/);
    expect((await sim.slash('oxytocin', 'ask', { question: 'what is oxytocin' })).ephemeral).toBe(true);
    const added = await sim.slash('oxytocin-admin', 'channels add', { channel: sim.channel });
    expect(added.content).toContain('The gateway process starts reading messages there within 3 s.');
    await sim.slash('oxytocin-admin', 'channels remove', { channel: sim.channel });
    await sim.slash('oxytocin-admin', 'private-default', { state: 'off' });
    expect((await sim.slash('oxytocin', 'ask', { question: 'what is oxytocin' })).ephemeral).toBe(false);
    expect(sim.violations()).toEqual([]);
  });

  it('records the questions it answers with the source `http`', async () => {
    await recorder.flush();
    const counts = await store.dailyCounts({ from: new Date(0), to: new Date(Date.now() + 60_000) });
    expect(counts.map((c) => c.source)).toEqual(['http']);
    expect(counts.reduce((n, c) => n + c.count, 0)).toBeGreaterThanOrEqual(1);
  });

  it('echoes a question with a masked link as plain text, the link removed', async () => {
    const r = await sim.slash('oxytocin', 'ask', {
      question: 'does oxytocin help trust [FREE NITRO CLICK](https://discord-gift.example/claim) ?',
    });
    expect(r.content).toBe('> does oxytocin help trust \\[FREE NITRO CLICK\\]\\(\\[link removed\\] ?');
    expect(JSON.stringify(r.embeds)).not.toContain('discord-gift');
    expect(sim.violations()).toEqual([]);
  });

  it('shows the urgent line of a safety answer first', async () => {
    const r = await sim.slash('oxytocin', 'ask', { question: 'how much oxytocin should i take' });
    expect(r.embeds[0]?.fields?.[0]?.name).toMatch(/happening now/);
    expect(r.embeds.at(-1)?.description).toMatch(/not medical advice/i);
  });

  it('autocompletes through the endpoint', async () => {
    const typo = await sim.autocomplete('oxytocin', 'ask', 'question', 'breastfeding');
    expect(typo.responded).toBe(true);
    expect(typo.choices.map((c) => c.name)).toContain('What role does oxytocin play in breastfeeding?');
    const entries = await sim.autocomplete('oxytocin', 'topic', 'entry', 'prairie');
    expect(entries.choices[0]?.value).toBe('prairie-voles');
    expect(sim.violations()).toEqual([]);
  });

  it('buttons work on any replica: everything is in the custom id', async () => {
    const r = await sim.slash('oxytocin', 'ask', { question: 'where is oxytocin made?' });
    const sources = componentsOf(r).find((c) => c.label === 'Sources');
    const clicked = await sim.clickButton(r, sources?.custom_id as string);
    expect(clicked.ephemeral).toBe(true);
    expect(clicked.embeds[0]?.title).toBe('Sources: Where is oxytocin made in the body?');
    expect(sim.violations()).toEqual([]);
  });

  it('the message context menu answers from the payload alone (no channel cache)', async () => {
    const message = sim.postMessage('does hugging really release oxytocin?');
    const r = await sim.messageContextMenu('Ask Oxytocin Bot', message);
    expect(r.ephemeral).toBe(true);
    expect(r.embeds[0]?.title).toMatch(/hug/i);
  });

  it('"Reply with Oxytocin Bot" posts its reply through REST, and for: pings only its user', async () => {
    const message = sim.postMessage('does hugging really release oxytocin?', { author: sim.otherUser });
    const r = await sim.messageContextMenu('Reply with Oxytocin Bot', message);
    expect(r.content).toMatch(/^Sent as a reply: https:\/\/discord\.com\/channels\//);
    const reply = sim.channelMessages().find((m) => m.replyTo === message.id);
    expect(reply?.embeds[0]?.title).toMatch(/hug/i);
    expect(reply?.pings?.users).toEqual([sim.otherUser.id]);
    const forBob = await sim.slash('oxytocin', 'ask', { question: 'what is pitocin', for: sim.otherUser });
    expect(forBob.content.startsWith(`<@${sim.otherUser.id}>`)).toBe(true);
    expect(forBob.pings?.users).toEqual([sim.otherUser.id]);
    expect(sim.violations()).toEqual([]);
  });

  it('a handler that throws: the user is told, it is logged with context, the server keeps serving', async () => {
    const r = await sim.slash('oxytocin', 'ask', { question: EXPLODE });
    expect(r.ephemeral).toBe(true);
    expect(r.content).toBe('Something went wrong; it has been logged.');
    expect(logRecords().find((l) => l.msg === 'interaction handler failed')).toMatchObject({
      command: 'oxytocin',
      interactionId: expect.any(String),
    });
    const next = await sim.slash('oxytocin', 'ask', { question: 'what is pitocin' });
    expect(next.embeds[0]?.title).toMatch(/Pitocin/);
  });

  it('refuses a tampered body with 401', async () => {
    const headers = signedHeaders(keys.privateKey, PING);
    const r = await post(PING.replace('"type":1', '"type":2'), headers);
    expect(r.status).toBe(401);
  });

  it('refuses a signature made with another key with 401', async () => {
    const other = generateKeyPairSync('ed25519');
    const r = await post(PING, signedHeaders(other.privateKey, PING));
    expect(r.status).toBe(401);
  });

  it('refuses missing or malformed signature headers with 401', async () => {
    const headers = signedHeaders(keys.privateKey, PING);
    const { 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp } = headers;
    const cases: Record<string, string>[] = [
      { 'content-type': 'application/json' },
      { 'x-signature-timestamp': timestamp as string },
      { 'x-signature-ed25519': signature as string },
      { 'x-signature-ed25519': 'zz', 'x-signature-timestamp': timestamp as string },
      { 'x-signature-ed25519': signature as string, 'x-signature-timestamp': 'yesterday' },
    ];
    for (const h of cases) expect((await post(PING, h)).status).toBe(401);
  });

  it('refuses stale and future timestamps with 401, even when correctly signed', async () => {
    const now = Math.floor(Date.now() / 1000);
    const old = await post(PING, signedHeaders(keys.privateKey, PING, String(now - 5 * 60 - 10)));
    expect(old.status).toBe(401);
    const future = await post(PING, signedHeaders(keys.privateKey, PING, String(now + 2 * 60)));
    expect(future.status).toBe(401);
    const slightlyOld = await post(PING, signedHeaders(keys.privateKey, PING, String(now - 60)));
    expect(slightlyOld.status).toBe(200);
  });

  it('answers 400 to signed invalid JSON and to JSON that is not an interaction', async () => {
    const broken = '{"type":1,';
    expect((await post(broken, signedHeaders(keys.privateKey, broken))).status).toBe(400);
    const notInteraction = '{"hello":"world"}';
    expect((await post(notInteraction, signedHeaders(keys.privateKey, notInteraction))).status).toBe(400);
  });

  it('answers 413 to a body over 1 MiB, declared or streamed', async () => {
    const big = Buffer.alloc(MAX_BODY_BYTES + 1, 'a');
    const declared = await post(big, signedHeaders(keys.privateKey, big));
    expect(declared.status).toBe(413);
    const streamed = await httpRequest(`${url}/interactions`, {
      method: 'POST',
      headers: { ...signedHeaders(keys.privateKey, big), 'transfer-encoding': 'chunked' },
      body: [big.subarray(0, 600_000), big.subarray(600_000)],
    });
    expect(streamed.status).toBe(413);
    // and it still serves afterwards
    expect((await post(PING, signedHeaders(keys.privateKey, PING))).status).toBe(200);
  });

  it('GET /healthz reports the mode, the entries, the uptime and the knowledge served', async () => {
    const r = await httpRequest(`${url}/healthz`);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({
      status: 'ok',
      mode: 'http',
      entries: kb.entries.length,
      uptimeSeconds: expect.any(Number),
      knowledge: { hash: expect.any(String), entries: kb.entries.length, loadedAt: expect.any(String) },
    });
  });

  it('answers 405 to other methods on /interactions and 404 elsewhere', async () => {
    const get = await httpRequest(`${url}/interactions`);
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect((await httpRequest(`${url}/nope`)).status).toBe(404);
  });

  it('logs refusals, never the token, and recorded no Discord rule violation', () => {
    expect(logRecords().some((l) => l.msg === 'interaction request refused' && l.status === 401)).toBe(true);
    expect(lines.join('\n')).not.toContain(token);
    // every interaction was acknowledged through its REST callback before the 202
    expect(logRecords().filter((l) => l.outcome !== undefined)).toEqual([]);
    expect(sim.violations()).toEqual([]);
  });
});
