import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { type Shard, ShardingManager } from 'discord.js';
import type { Logger } from '../logger.ts';
import { PRODUCTION_NODE_FLAGS } from '../startup/node-flags.ts';

/**
 * Whether this code runs from the TypeScript sources (tsx: tests, the demo) or from the bundle in dist/, where
 * it lives in dist/sharded.js beside dist/main.js.
 */
const FROM_SOURCES = import.meta.url.endsWith('.ts');

/** The script each shard process runs: the ordinary bot entry point (`npm start`), compiled or not. */
export const SHARD_SCRIPT = fileURLToPath(
  new URL(FROM_SOURCES ? '../main.ts' : './main.js', import.meta.url),
);

/** Node options of a shard process: tsx's loader for the sources; for the bundle, those `npm start` uses. */
export const SHARD_EXEC_ARGV = FROM_SOURCES ? ['--import', 'tsx'] : [...PRODUCTION_NODE_FLAGS];

/**
 * Between two shard spawns, as discord.js's `ShardingManager#spawn` waits: Discord accepts one IDENTIFY per
 * 5 s per `max_concurrency` bucket, and separate processes cannot share an identify throttle.
 */
export const SPAWN_DELAY_MS = 5500;

export interface ShardFleetOptions {
  token: string;
  /** How many shards, all spawned here. A number: `'auto'` would ask discord.com, ignoring DISCORD_API_BASE. */
  totalShards: number;
  /** The shards this process runs (another host runs the rest); default: all `totalShards`. */
  shardList?: number[];
  logger: Logger;
  /** Script for each shard process (default: the bot's entry point, dist/main.js or src/main.ts). */
  script?: string;
  spawnDelayMs?: number;
  /** How long a shard may take to log in and become ready. */
  readyTimeoutMs?: number;
  /** How long a shard may take to stop on SIGTERM before it is killed. */
  stopTimeoutMs?: number;
}

export interface ShardFleet {
  manager: ShardingManager;
  /** Resolves once every shard is ready (or stop() was called first); rejects if a shard fails to start. */
  ready: Promise<void>;
  /** Stops spawning, sends SIGTERM to every shard process, waits for them (SIGKILL after the timeout). */
  stop(): Promise<void>;
}

/**
 * Runs the bot as `totalShards` processes under discord.js's ShardingManager. Each process is src/main.ts; the
 * manager gives it `SHARDS` and `SHARD_COUNT` in its environment (with the rest of this process's
 * environment, `.env` included), and discord.js's Client reads them when its `shards` / `shardCount` options
 * are not set, which the bot never sets.
 */
export function startShardFleet(options: ShardFleetOptions): ShardFleet {
  const { logger, totalShards } = options;
  const shardList = options.shardList ?? Array.from({ length: totalShards }, (_, id) => id);
  const manager = new ShardingManager(options.script ?? SHARD_SCRIPT, {
    token: options.token,
    // Always a number here: with 'auto' the manager asks discord.com's GET /gateway/bot for the recommended
    // count, ignoring DISCORD_API_BASE (so it would never work against a proxy or the local simulator).
    totalShards,
    shardList,
    mode: 'process',
    // No respawn while starting: a bad configuration must fail once, not become a crash loop. Enabled below
    // once every shard has been ready, so a shard that crashes later is restarted.
    respawn: false,
    execArgv: SHARD_EXEC_ARGV,
  });
  const stopping = new AbortController();

  manager.on('shardCreate', (shard: Shard) => {
    const shardId = shard.id;
    logger.info({ shardId, totalShards }, 'shard created');
    // mode 'process': the shard is a child process, never a worker thread.
    const processOf = (child: ChildProcess | Worker) => child as ChildProcess;
    shard.on('spawn', (child) =>
      logger.info({ shardId, pid: processOf(child).pid }, 'shard process started'),
    );
    shard.on('ready', () => logger.info({ shardId, totalShards }, 'shard ready'));
    shard.on('disconnect', () => logger.warn({ shardId }, 'shard disconnected'));
    shard.on('reconnecting', () => logger.info({ shardId }, 'shard reconnecting'));
    shard.on('resume', () => logger.info({ shardId }, 'shard resumed'));
    shard.on('death', (child) => {
      const { exitCode, signalCode } = processOf(child);
      const detail = { shardId, exitCode, signal: signalCode };
      if (stopping.signal.aborted) logger.info(detail, 'shard process exited');
      else logger.error({ ...detail, respawn: manager.respawn }, 'shard process died');
    });
    // Shard emits 'error' when a respawn fails; without a listener that would throw.
    shard.on('error', (error: Error) => logger.error({ err: error, shardId }, 'shard error'));
  });

  const ready = (async () => {
    const delayMs = options.spawnDelayMs ?? SPAWN_DELAY_MS;
    for (const [index, shardId] of shardList.entries()) {
      if (stopping.signal.aborted) break;
      // As ShardingManager#spawn: the next spawn starts when this shard is ready and the delay has passed.
      const spawned = manager.createShard(shardId).spawn(options.readyTimeoutMs ?? 60_000);
      const isLast = index === shardList.length - 1;
      try {
        await Promise.all([spawned, isLast ? undefined : sleep(delayMs, stopping.signal)]);
      } catch (error) {
        if (stopping.signal.aborted) return;
        throw error;
      }
    }
    if (stopping.signal.aborted) return;
    manager.respawn = true;
    logger.info({ totalShards, shardList }, 'all shards ready');
  })();
  // The caller awaits `ready`; this only keeps an early failure from being reported as unhandled meanwhile.
  ready.catch(() => undefined);

  const stop = async () => {
    stopping.abort();
    manager.respawn = false;
    await Promise.all([...manager.shards.values()].map((shard) => stopShard(shard, options.stopTimeoutMs)));
  };
  return { manager, ready, stop };
}

function stopShard(shard: Shard, timeoutMs = 6000): Promise<void> {
  const child = shard.process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
