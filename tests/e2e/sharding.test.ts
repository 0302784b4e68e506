import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/discord/deploy.ts';
import { commandDefinitions } from '../../src/discord/load-commands.ts';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { shardForGuild } from '../../src/simulator/snowflake.ts';
import { SQLITE_FILE } from '../../src/store/sqlite.ts';
import { realKb } from '../helpers/bot-harness.ts';
import { httpRequest } from '../helpers/http-interactions.ts';
import { parsePrometheusText, sampleValue } from '../helpers/prometheus-text.ts';

const ROOT = join(import.meta.dirname, '../..');
type LogLine = Record<string, unknown>;

const newToken = () =>
  `${randomBytes(18).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;

const SHARED_DATA_DIR = mkdtempSync(join(tmpdir(), 'oxytocin-shards-'));
afterAll(() => rmSync(SHARED_DATA_DIR, { recursive: true, force: true }));

/** A port p with p + 1 free too: each shard process serves /healthz and /metrics on HEALTH_PORT + its id. */
async function freePortPair(): Promise<number> {
  const free = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, () => server.close(() => resolve(true)));
    });
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 40_000);
    if ((await free(port)) && (await free(port + 1))) return port;
  }
  throw new Error('no two consecutive free ports');
}
const HEALTH_BASE = await freePortPair();

/** `npm run start:sharded` as a child process in its own process group, its JSON log lines collected. */
function startManager(sim: Simulator, token: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/sharded.ts'], {
    cwd: ROOT,
    // Its own process group, so `kill()` ends the manager and its shards together whatever happens.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DISCORD_TOKEN: token,
      DISCORD_API_BASE: sim.apiBase,
      SHARD_COUNT: '2',
      LOG_LEVEL: 'info',
      LOG_PRETTY: '0',
      KNOWLEDGE_DIR: join(ROOT, 'knowledge'),
      ASK_CHANNEL_IDS: '',
      HEALTH_PORT: String(HEALTH_BASE),
      COOLDOWN_QUESTIONS: '100',
      // Both shard processes record into one SQLite file (WAL), in a temp dir rather than the repo's data/.
      DATA_DIR: SHARED_DATA_DIR,
      DATABASE_URL: '',
      RECORD_QUESTIONS: 'all',
      ...env,
    },
  });
  const lines: LogLine[] = [];
  const stderr: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const parts = (pending + chunk.toString('utf8')).split('\n');
    pending = parts.pop() ?? '';
    for (const part of parts) {
      try {
        lines.push(JSON.parse(part) as LogLine);
      } catch {
        stderr.push(`(stdout) ${part}\n`);
      }
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const logs = (msg: string, where: (line: LogLine) => boolean = () => true) =>
    lines.filter((line) => line.msg === msg && where(line));
  return {
    child,
    exited,
    stderr,
    logs,
    shardPids: () => logs('shard process started').map((line) => line.pid as number),
    async waitForLog(msg: string, count: number, timeoutMs: number): Promise<void> {
      const until = Date.now() + timeoutMs;
      while (logs(msg).length < count) {
        if (Date.now() > until || child.exitCode !== null) {
          throw new Error(`no "${msg}" log x${count}; stderr: ${stderr.join('')}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    kill(): void {
      if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * `npm run start:sharded` for real: the ShardingManager process and two shard processes (src/main.ts through
 * tsx) against the simulator, which routes each guild's events to shard (guild_id >> 22) % 2. The manager
 * waits 5.5 s between the two identifies, as it must on Discord, so start-up takes 10-15 s.
 */
describe('npm run start:sharded: two shard processes under the ShardingManager', () => {
  let sim: Simulator;
  let manager: ReturnType<typeof startManager>;
  const logs: ReturnType<typeof startManager>['logs'] = (...args) => manager.logs(...args);
  const shardPids = () => manager.shardPids();

  beforeAll(async () => {
    const kb = await realKb();
    const token = newToken();
    sim = await startSimulator({ token, shardCount: 2, guilds: 2, quietMs: 100 });
    for (const guild of sim.guilds) {
      await deployCommands(
        { token, clientId: sim.applicationId, guildId: guild.id, apiBase: sim.apiBase },
        commandDefinitions(kb),
      );
    }
    manager = startManager(sim, token);
    await manager.waitForLog('all shards ready', 1, 25_000);
  }, 30_000);

  afterAll(async () => {
    manager?.kill();
    for (const pid of manager?.shardPids() ?? []) if (alive(pid)) process.kill(pid, 'SIGKILL');
    await sim?.stop();
  });

  it('puts the two guilds on different shards', () => {
    expect(sim.guilds.map((guild) => shardForGuild(guild.id, 2))).toEqual([0, 1]);
  });

  it('logs each shard created and ready, and each shard process logs ready with its shard id', () => {
    expect(logs('shard created').map((l) => [l.shardId, l.totalShards])).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(logs('shard ready').map((l) => l.shardId)).toEqual([0, 1]);
    const ready = logs('ready').map((l) => ({ shardIds: l.shardIds, guilds: l.guilds, shards: l.shards }));
    expect(ready).toEqual([
      { shardIds: [0], guilds: 1, shards: 1 },
      { shardIds: [1], guilds: 1, shards: 1 },
    ]);
    expect(new Set(shardPids()).size).toBe(2);
    expect(shardPids()).not.toContain(manager.child.pid);
    const sessions = sim.gatewaySessions().map((s) => [s.shardId, s.shardCount, s.connected]);
    expect(sessions.sort()).toEqual([
      [0, 2, true],
      [1, 2, true],
    ]);
  });

  it("answers /oxytocin ask in each guild, through that guild's shard", async () => {
    for (const [index, guild] of sim.guilds.entries()) {
      const answered = logs('question answered').length;
      const seqBefore = new Map(sim.gatewaySessions().map((s) => [s.shardId, s.seq]));
      const r = await sim.slash(
        'oxytocin',
        'ask',
        { question: 'where is oxytocin made?' },
        { guildId: guild.id, channelId: guild.channels[0]?.id },
      );
      expect(r.type).toBe('reply');
      expect(r.embeds[0]?.title).toBe('Where is oxytocin made in the body?');
      // The event (and the echo of the reply) went to this guild's shard only.
      const seqAfter = new Map(sim.gatewaySessions().map((s) => [s.shardId, s.seq]));
      expect(seqAfter.get(index)).toBeGreaterThan(seqBefore.get(index) ?? 0);
      expect(seqAfter.get(1 - index)).toBe(seqBefore.get(1 - index));
      // And the process that answered is the one that runs that shard.
      await manager.waitForLog('question answered', answered + 1, 2000);
      expect(logs('question answered').slice(answered)).toEqual([
        expect.objectContaining({ shardIds: [index], source: 'slash', entryId: 'where-is-oxytocin-made' }),
      ]);
    }
    expect(sim.violations()).toEqual([]);
  });

  it('serves /metrics on HEALTH_PORT + shard id: each shard counts its own guild and replies', async () => {
    for (const index of [0, 1]) {
      const r = await httpRequest(`http://127.0.0.1:${HEALTH_BASE + index}/metrics`);
      expect(r.status).toBe(200);
      const metrics = parsePrometheusText(r.body);
      expect(sampleValue(metrics, 'oxytocin_questions_total', { source: 'slash', status: 'answered' })).toBe(
        1,
      );
      expect(sampleValue(metrics, 'oxytocin_interaction_reply_seconds_count', { kind: 'command' })).toBe(1);
      expect(sampleValue(metrics, 'oxytocin_guilds')).toBe(1);
      expect(sampleValue(metrics, 'process_cpu_seconds_total')).toBeGreaterThan(0);
      expect((await httpRequest(`http://127.0.0.1:${HEALTH_BASE + index}/healthz`)).status).toBe(200);
    }
  });

  it('stops cleanly on SIGTERM: every shard logs out and exits, then the manager exits 0', async () => {
    const pids = shardPids();
    manager.child.kill('SIGTERM');
    expect(await manager.exited).toBe(0);
    expect(pids.filter(alive)).toEqual([]);
    expect(logs('shutting down', (l) => Array.isArray(l.shardIds)).map((l) => l.shardIds)).toHaveLength(2);
    expect(logs('shard process exited').map((l) => l.exitCode)).toEqual([0, 0]);
    expect(logs('all shards stopped')).toHaveLength(1);
    // Clients that close with 1000 end their sessions.
    expect(sim.gatewaySessions()).toEqual([]);
    expect(sim.violations()).toEqual([]);
    expect(manager.stderr.join('')).toBe('');
    // Both shard processes recorded into the one SQLite file (WAL), each its own guild's question.
    const db = new Database(join(SHARED_DATA_DIR, SQLITE_FILE));
    const rows = db.prepare('select guild_id, source, question from questions order by guild_id').all();
    db.close();
    expect(rows).toEqual(
      sim.guilds.map((g) => ({ guild_id: g.id, source: 'slash', question: 'where is oxytocin made?' })),
    );
  }, 15_000);
});

describe('npm run start:sharded when a shard cannot log in', () => {
  let sim: Simulator;
  let manager: ReturnType<typeof startManager> | undefined;
  afterAll(async () => {
    manager?.kill();
    await sim?.stop();
  });

  it('stops at the first failure and exits 1, without starting the next shard or respawning', async () => {
    sim = await startSimulator({ token: newToken(), shardCount: 2, guilds: 2 });
    manager = startManager(sim, newToken()); // not the token the simulator accepts
    expect(await manager.exited).toBe(1);
    expect(manager.logs('login failed').map((l) => l.shardIds)).toEqual([[0]]);
    expect(manager.logs('shard process died').map((l) => [l.shardId, l.exitCode])).toEqual([[0, 1]]);
    expect(manager.logs('a shard failed to start; stopping the others')).toHaveLength(1);
    expect(manager.logs('shard created').map((l) => l.shardId)).toEqual([0]);
    expect(manager.shardPids().filter(alive)).toEqual([]);
  }, 20_000);
});

/**
 * Two hosts sharing one bot: `SHARD_LIST=0` and `SHARD_LIST=1` with `SHARD_COUNT=2`, two managers, each
 * running only its own shard's process and answering only its own guild.
 */
describe('npm run start:sharded with SHARD_LIST: two managers split the shards', () => {
  let sim: Simulator;
  const managers: ReturnType<typeof startManager>[] = [];
  const dataDirs: string[] = [];
  afterAll(async () => {
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    for (const manager of managers) {
      manager.kill();
      for (const pid of manager.shardPids()) if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
    await sim?.stop();
  });

  it('each manager starts only its listed shard, and each guild is answered by its own host', async () => {
    const kb = await realKb();
    const token = newToken();
    sim = await startSimulator({ token, shardCount: 2, guilds: 2, quietMs: 100 });
    for (const guild of sim.guilds) {
      await deployCommands(
        { token, clientId: sim.applicationId, guildId: guild.id, apiBase: sim.apiBase },
        commandDefinitions(kb),
      );
    }
    for (const shard of [0, 1]) {
      const dataDir = mkdtempSync(join(tmpdir(), `oxytocin-host-${shard}-`));
      dataDirs.push(dataDir);
      managers.push(startManager(sim, token, { SHARD_LIST: String(shard), DATA_DIR: dataDir }));
    }
    await Promise.all(managers.map((m) => m.waitForLog('all shards ready', 1, 25_000)));
    expect(managers.map((m) => m.logs('shard created').map((l) => [l.shardId, l.totalShards]))).toEqual([
      [[0, 2]],
      [[1, 2]],
    ]);
    expect(managers.map((m) => m.logs('all shards ready').map((l) => l.shardList))).toEqual([[[0]], [[1]]]);
    const sessions = sim.gatewaySessions().map((s) => [s.shardId, s.shardCount, s.connected]);
    expect(sessions.sort()).toEqual([
      [0, 2, true],
      [1, 2, true],
    ]);

    for (const [index, guild] of sim.guilds.entries()) {
      const before = managers.map((m) => m.logs('question answered').length);
      const r = await sim.slash(
        'oxytocin',
        'ask',
        { question: 'where is oxytocin made?' },
        { guildId: guild.id, channelId: guild.channels[0]?.id },
      );
      expect(r.embeds[0]?.title).toBe('Where is oxytocin made in the body?');
      const host = managers[index] as ReturnType<typeof startManager>;
      await host.waitForLog('question answered', (before[index] ?? 0) + 1, 2000);
      const after = managers.map((m) => m.logs('question answered').length);
      // Only this guild's host answered it.
      expect(after.map((n, i) => n - (before[i] ?? 0))).toEqual(index === 0 ? [1, 0] : [0, 1]);
    }
    expect(sim.violations()).toEqual([]);
    for (const manager of managers) {
      manager.child.kill('SIGTERM');
      expect(await manager.exited).toBe(0);
    }
  }, 60_000);
});

describe('npm run start:sharded with a SHARD_LIST outside SHARD_COUNT', () => {
  it('exits 1 with one clear line, starting no shard', async () => {
    const sim = await startSimulator({ token: newToken(), shardCount: 2, guilds: 2 });
    const manager = startManager(sim, sim.token, { SHARD_COUNT: '4', SHARD_LIST: '3,4' });
    try {
      expect(await manager.exited).toBe(1);
      expect(manager.stderr.join('').trim()).toBe(
        'Invalid SHARD_LIST: shard 4 does not exist with SHARD_COUNT=4 (ids run from 0 to 3). Fix it in .env (see .env.example).',
      );
      expect(manager.logs('shard created')).toEqual([]);
    } finally {
      manager.kill();
      await sim.stop();
    }
  });
});
