import { Writable } from 'node:stream';
import { type LocalStack, type LocalStackOptions, startLocalStack } from '../../src/demo/local-stack.ts';
import { createEngine } from '../../src/engine/index.ts';
import type { Engine } from '../../src/engine/types.ts';
import { type KnowledgeBase, loadKnowledgeBase } from '../../src/knowledge/index.ts';
import { createLogger } from '../../src/logger.ts';
import { REAL_KB } from './kb-fixtures.ts';

export interface Harness extends LocalStack {
  kb: KnowledgeBase;
  /** Every log line written so far (JSON). */
  logs(): string[];
  logRecords(): Record<string, unknown>[];
}

let cachedKb: KnowledgeBase | undefined;
export async function realKb(): Promise<KnowledgeBase> {
  cachedKb ??= (await loadKnowledgeBase(REAL_KB)).kb as KnowledgeBase;
  return cachedKb;
}

/** The real bot against the simulator, with its log captured. */
export async function startHarness(
  options: { engine?: (kb: KnowledgeBase) => Engine; kb?: KnowledgeBase } & Pick<
    LocalStackOptions,
    'simulator' | 'bot'
  > = {},
): Promise<Harness> {
  const kb = options.kb ?? (await realKb());
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  // The token is generated inside the stack; scrubbing is proven separately by reading these logs.
  const logger = createLogger({ level: 'debug', pretty: false, destination });
  const stack = await startLocalStack({
    kb,
    engine: options.engine ? options.engine(kb) : createEngine(kb),
    logger,
    simulator: { ackDeadlineMs: 3000, quietMs: 100, ...options.simulator },
    bot: { cooldown: { questions: 1000, seconds: 30 }, ...options.bot },
  });
  return Object.assign(stack, {
    kb,
    logs: () => lines,
    logRecords: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  });
}
