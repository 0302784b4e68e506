import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Simulator } from '../../src/simulator/index.ts';
import { PRODUCTION_NODE_FLAGS } from '../../src/startup/node-flags.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

/** A bot running in its own process, as in production: `node` and a script, nothing else. */
export interface BotProcess {
  child: ChildProcess;
  /** performance.now() when it was spawned. */
  spawnedAt: number;
  /** Resident memory of the process now, MB (Linux: /proc/<pid>/status). */
  rss(): number;
  /** Resolves once the bot printed a line containing `ready`. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/** The compiled bot (`node dist/main.js`, as `npm start` runs it) or the minimal discord.js baseline. */
export const BOTS = {
  ours: [...PRODUCTION_NODE_FLAGS, 'dist/main.js'],
  minimal: ['tests/bench/minimal-bot.mjs'],
} as const;

export function spawnBot(args: readonly string[], sim: Simulator, env: Record<string, string>): BotProcess {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      DISCORD_TOKEN: sim.token,
      DISCORD_API_BASE: sim.apiBase,
      // As in production: JSON lines at info (one per question), read here to see `ready`.
      LOG_LEVEL: 'info',
      RECORD_QUESTIONS: 'off',
      COOLDOWN_QUESTIONS: '1000',
      COOLDOWN_SECONDS: '1',
      ...env,
    },
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (/ready/.test(chunk.toString('utf8'))) resolve();
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before ready`)));
  });
  ready.catch(() => undefined);
  return {
    child,
    spawnedAt,
    ready,
    rss() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Milliseconds from spawning the bot to its IDENTIFY reaching the simulator (polled every 2 ms). */
export async function identifyMs(bot: BotProcess, sim: Simulator, timeoutMs = 60_000): Promise<number> {
  while (sim.gatewaySessions().length === 0) {
    if (performance.now() - bot.spawnedAt > timeoutMs) throw new Error('the bot never identified');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return performance.now() - bot.spawnedAt;
}
