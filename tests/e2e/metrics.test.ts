import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCustomId } from '../../src/discord/custom-ids.ts';
import { deployCommands } from '../../src/discord/deploy.ts';
import { commandDefinitions } from '../../src/discord/load-commands.ts';
import { createEngine } from '../../src/engine/index.ts';
import { type HealthServer, startGatewayHealth } from '../../src/http/health.ts';
import { type InteractionsServer, startInteractionsServer } from '../../src/http/server.ts';
import { createLogger } from '../../src/logger.ts';
import { type BotMetrics, createMetrics } from '../../src/metrics/index.ts';
import {
  type KnowledgeHolder,
  knowledgeStatus,
  type LiveKnowledge,
  loadInitialKnowledge,
  startLiveKnowledge,
} from '../../src/reload/index.ts';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { createRecorder, type Recorder } from '../../src/store/recorder.ts';
import type { Store } from '../../src/store/types.ts';
import { type Harness, realKb, startHarness } from '../helpers/bot-harness.ts';
import { httpRequest, publicKeyHex, type Relay, startRelay } from '../helpers/http-interactions.ts';
import { REAL_KB } from '../helpers/kb-fixtures.ts';
import {
  type Exposition,
  parsePrometheusText,
  samplesNamed,
  sampleValue,
} from '../helpers/prometheus-text.ts';

type Component = { type: number; custom_id?: string; options?: { value: string }[] };
const componentsOf = (view: { components: unknown[] }): Component[] =>
  (view.components as { components?: Component[] }[]).flatMap((row) => row.components ?? []);

const logger = createLogger({ level: 'silent', pretty: false });

/** GET /metrics: 200 in the Prometheus text format, every line of it valid. */
async function scrape(baseUrl: string, metrics: BotMetrics): Promise<Exposition> {
  const r = await httpRequest(`${baseUrl}/metrics`);
  expect(r.status).toBe(200);
  expect(r.headers['content-type']).toBe(metrics.contentType);
  expect(r.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(r.body);
}

/** How much each named sample moved between two scrapes. */
function delta(before: Exposition, after: Exposition) {
  return (name: string, labels: Record<string, string> = {}) =>
    sampleValue(after, name, labels) - sampleValue(before, name, labels);
}

const sumOf = (exposition: Exposition, name: string, where: Record<string, string>) =>
  samplesNamed(exposition, name)
    .filter((s) => Object.entries(where).every(([k, v]) => s.labels[k] === v))
    .reduce((n, s) => n + s.value, 0);

/** A question store whose database is away: every batch write fails. */
const downStore = (): Store =>
  ({
    dialect: 'sqlite',
    location: 'nowhere',
    insert: async () => {
      throw new Error('SQLITE_BUSY: database is locked');
    },
    close: async () => undefined,
  }) as unknown as Store;

describe('GET /metrics in gateway mode (HEALTH_PORT), through the simulator', () => {
  let dir: string;
  let holder: KnowledgeHolder;
  let h: Harness;
  let live: LiveKnowledge;
  let health: HealthServer;
  let metrics: BotMetrics;
  let recorder: Recorder;
  let base: string;
  const get = () => scrape(base, metrics);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'oxytocin-metrics-kb-'));
    cpSync(REAL_KB, dir, { recursive: true });
    holder = (await loadInitialKnowledge(dir, logger)) as KnowledgeHolder;
    metrics = createMetrics({ processMetrics: true });
    recorder = createRecorder({ store: downStore(), logger, flushMs: 60_000, maxQueue: 2 });
    h = await startHarness({
      kb: holder.current.kb,
      engine: () => holder.current.engine,
      // Heartbeats every 200 ms, so the gateway ping is known within the test.
      simulator: { heartbeatIntervalMs: 200 },
      bot: { knowledge: holder, metrics, recorder },
    });
    // Wired as src/main.ts wires it; the watcher's debounce is long so only the test's reloads happen.
    live = startLiveKnowledge({
      dir,
      holder,
      logger,
      sighup: false,
      debounceMs: 600_000,
      onReload: metrics.knowledgeReloaded,
    });
    health = (await startGatewayHealth({
      port: 0,
      host: '127.0.0.1',
      client: h.bot.client,
      logger,
      metrics,
      knowledge: () => knowledgeStatus(holder),
    })) as HealthServer;
    base = `http://127.0.0.1:${health.port}`;
  });

  afterAll(async () => {
    live?.stop();
    await health?.close();
    await h?.stop();
    await recorder?.close(10);
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the bot metrics and the process metrics; /healthz still answers on the same port', async () => {
    const m = await get();
    expect(sampleValue(m, 'oxytocin_knowledge_entries')).toBe(holder.current.kb.entries.length);
    expect(sampleValue(m, 'oxytocin_knowledge_loaded_timestamp_seconds')).toBe(
      holder.current.loadedAt.getTime() / 1000,
    );
    expect(sampleValue(m, 'oxytocin_guilds')).toBe(1);
    expect(sampleValue(m, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(sampleValue(m, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect((await httpRequest(`${base}/healthz`)).status).toBe(200);
    expect((await httpRequest(`${base}/nothing`)).status).toBe(404);
  });

  it('reports the gateway ping, per shard in seconds, once the first heartbeat is acknowledged', async () => {
    let pings = samplesNamed(await get(), 'oxytocin_gateway_ping_seconds');
    for (let i = 0; i < 40 && pings.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      pings = samplesNamed(await get(), 'oxytocin_gateway_ping_seconds');
    }
    expect(pings).toEqual([
      { name: 'oxytocin_gateway_ping_seconds', labels: { shard: '0' }, value: expect.any(Number) },
    ]);
    expect(pings[0]?.value).toBeGreaterThanOrEqual(0);
    expect(pings[0]?.value).toBeLessThan(1);
  });

  it('counts questions by source and status, confidence, reply latency, feedback, picks and store trouble', async () => {
    const before = await get();
    const answered = await h.sim.slash('oxytocin', 'ask', { question: 'where is oxytocin made?' });
    expect(answered.embeds[0]?.title).toBe('Where is oxytocin made in the body?');
    await h.sim.slash('oxytocin', 'ask', { question: 'who won the world cup' });
    const suggested = await h.sim.slash('oxytocin', 'ask', { question: 'oxytocin and behaviour' });
    expect(suggested.embeds[0]?.title).toBe('Did you mean…?');
    const menu = componentsOf(suggested).find((c) => c.type === 3);
    await h.sim.chooseOption(suggested, menu?.custom_id as string, [menu?.options?.[0]?.value as string]);
    const helpful = componentsOf(answered).find((c) => {
      const action = c.custom_id ? decodeCustomId(c.custom_id) : undefined;
      return action?.action === 'feedback' && action.helpful;
    });
    await h.sim.clickButton(answered, helpful?.custom_id as string);
    await h.sim.sendMessage('is oxytocin the love hormone?', { mentionBot: true });
    await h.sim.sendMessage('where is oxytocin made', { dm: true });
    await h.sim.messageContextMenu('Ask Oxytocin Bot', h.sim.postMessage('does hugging release oxytocin?'));
    await h.sim.autocomplete('oxytocin', 'ask', 'question', 'where is oxy');
    const after = await get();
    const moved = delta(before, after);

    expect(moved('oxytocin_questions_total', { source: 'slash', status: 'answered' })).toBe(1);
    expect(moved('oxytocin_questions_total', { source: 'slash', status: 'no_match' })).toBe(1);
    expect(moved('oxytocin_questions_total', { source: 'slash', status: 'suggestions' })).toBe(1);
    expect(moved('oxytocin_questions_total', { source: 'mention', status: 'answered' })).toBe(1);
    expect(moved('oxytocin_questions_total', { source: 'dm', status: 'answered' })).toBe(1);
    const contextMenu = (m: Exposition) => sumOf(m, 'oxytocin_questions_total', { source: 'context-menu' });
    expect(contextMenu(after) - contextMenu(before)).toBe(1);
    expect(sumOf(after, 'oxytocin_questions_total', { source: 'http' })).toBe(0);
    const confidences = (m: Exposition) => sumOf(m, 'oxytocin_answer_confidence_count', {});
    expect(confidences(after) - confidences(before)).toBe(6);
    expect(moved('oxytocin_answer_confidence_count', { status: 'no_match' })).toBe(1);

    // Three slash commands and a context menu; a menu choice and a button; an autocomplete. Mentions and DMs
    // are messages, not interactions.
    expect(moved('oxytocin_interaction_reply_seconds_count', { kind: 'command' })).toBe(4);
    expect(moved('oxytocin_interaction_reply_seconds_count', { kind: 'component' })).toBe(2);
    expect(moved('oxytocin_interaction_reply_seconds_count', { kind: 'autocomplete' })).toBe(1);
    expect(moved('oxytocin_interaction_reply_seconds_sum', { kind: 'command' })).toBeGreaterThan(0);
    // Every one was accepted within Discord's 3 s deadline (the simulator refuses later ones).
    expect(moved('oxytocin_interaction_reply_seconds_bucket', { kind: 'command', le: '3' })).toBe(4);

    expect(moved('oxytocin_feedback_total', { verdict: 'helpful' })).toBe(1);
    expect(moved('oxytocin_feedback_total', { verdict: 'not_helpful' })).toBe(0);
    expect(moved('oxytocin_picks_total', { menu: 'did-you-mean' })).toBe(1);
    expect(moved('oxytocin_handler_failures_total', { kind: 'command' })).toBe(0);

    // 6 questions, 1 feedback and 1 pick went to a recorder that holds 2 while its database is away.
    expect(moved('oxytocin_store_records_dropped_total')).toBe(6);
    expect(sampleValue(after, 'oxytocin_store_records_pending')).toBe(2);
    await recorder.flush();
    expect(delta(after, await get())('oxytocin_store_write_failures_total')).toBe(1);
    expect(h.sim.violations()).toEqual([]);
  });

  it('counts knowledge reloads by result, and the entries gauge follows the knowledge served', async () => {
    const before = await get();
    const entries = holder.current.kb.entries.length;
    expect(await live.reloader.reload('test: nothing changed')).toBe('unchanged');
    const broken = join(dir, 'entries/zz-broken.md');
    writeFileSync(broken, '---\ntitle: no id, no answer\n---\n');
    expect(await live.reloader.reload('test: a broken file')).toBe('refused');
    expect(sampleValue(await get(), 'oxytocin_knowledge_entries')).toBe(entries);
    unlinkSync(broken);
    unlinkSync(join(dir, 'entries/oxytocin-half-life.md'));
    expect(await live.reloader.reload('test: an entry removed')).toBe('reloaded');
    const after = await get();
    const moved = delta(before, after);
    expect(moved('oxytocin_knowledge_reloads_total', { result: 'unchanged' })).toBe(1);
    expect(moved('oxytocin_knowledge_reloads_total', { result: 'refused' })).toBe(1);
    expect(moved('oxytocin_knowledge_reloads_total', { result: 'reloaded' })).toBe(1);
    expect(sampleValue(after, 'oxytocin_knowledge_entries')).toBe(entries - 1);
    expect(moved('oxytocin_knowledge_loaded_timestamp_seconds')).toBeGreaterThan(0);
  });
});

describe('GET /metrics in HTTP-endpoint mode (HTTP_PORT), through the simulator', () => {
  const keys = generateKeyPairSync('ed25519');
  let sim: Simulator;
  let server: InteractionsServer;
  let relay: Relay;
  let metrics: BotMetrics;
  let base: string;
  const get = () => scrape(base, metrics);

  beforeAll(async () => {
    const kb = await realKb();
    const token = `${randomBytes(18).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
    sim = await startSimulator({ token, quietMs: 100 });
    await deployCommands(
      { token, clientId: sim.applicationId, guildId: sim.guild.id, apiBase: sim.apiBase },
      commandDefinitions(kb),
    );
    metrics = createMetrics();
    server = await startInteractionsServer({
      publicKey: publicKeyHex(keys.publicKey),
      token,
      applicationId: sim.applicationId,
      apiBase: sim.apiBase,
      port: 0,
      host: '127.0.0.1',
      kb,
      engine: createEngine(kb),
      logger,
      cooldown: { questions: 1000, seconds: 30 },
      transport: 'http',
      metrics,
    });
    base = `http://127.0.0.1:${server.port}`;
    relay = await startRelay(sim, `${base}/interactions`, keys.privateKey);
  });

  afterAll(async () => {
    await relay?.stop();
    await server?.close();
    await sim?.stop();
  });

  it('counts questions as source http, and the reply latency of each interaction', async () => {
    const before = await get();
    expect(sampleValue(before, 'oxytocin_knowledge_entries')).toBe((await realKb()).entries.length);
    // No gateway in this mode: no guilds or ping to report.
    expect(samplesNamed(before, 'oxytocin_guilds')).toEqual([]);
    expect(samplesNamed(before, 'oxytocin_gateway_ping_seconds')).toEqual([]);

    const r = await sim.slash('oxytocin', 'ask', { question: 'where is oxytocin made?' });
    expect(r.embeds[0]?.title).toBe('Where is oxytocin made in the body?');
    await sim.slash('oxytocin', 'ask', { question: 'who won the world cup' });
    await sim.messageContextMenu('Ask Oxytocin Bot', sim.postMessage('where is oxytocin made?'));
    const sources = componentsOf(r).find(
      (c) => c.custom_id && decodeCustomId(c.custom_id)?.action === 'sources',
    );
    await sim.clickButton(r, sources?.custom_id as string);
    const after = await get();
    const moved = delta(before, after);

    expect(moved('oxytocin_questions_total', { source: 'http', status: 'answered' })).toBe(2);
    expect(moved('oxytocin_questions_total', { source: 'http', status: 'no_match' })).toBe(1);
    expect(sumOf(after, 'oxytocin_questions_total', { source: 'slash' })).toBe(0);
    expect(moved('oxytocin_interaction_reply_seconds_count', { kind: 'command' })).toBe(3);
    expect(moved('oxytocin_interaction_reply_seconds_count', { kind: 'component' })).toBe(1);
    expect(moved('oxytocin_interaction_reply_seconds_bucket', { kind: 'command', le: '3' })).toBe(3);
    expect(sim.violations()).toEqual([]);
  });

  it('answers HEAD /metrics without a body, and only GET and HEAD', async () => {
    const head = await httpRequest(`${base}/metrics`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
    expect((await httpRequest(`${base}/metrics`, { method: 'POST' })).status).toBe(404);
  });
});
