import type { Logger } from '../logger.ts';
import type { FeedbackRecord, PickRecord, QuestionRecord, RecordBatch, Store } from './types.ts';

/** RECORD_QUESTIONS: everything, only the questions that were not answered (plus feedback and picks), or nothing. */
export const RECORD_MODES = ['all', 'unanswered', 'off'] as const;
export type RecordMode = (typeof RECORD_MODES)[number];

export interface RecorderOptions {
  store: Store;
  logger: Logger;
  /** What is kept unless a server overrides it (`off`: only what a server's own setting asks for). */
  mode?: RecordMode;
  /** Flush at least this often. */
  flushMs?: number;
  /** Flush at once when this many records wait. */
  batchSize?: number;
  /** Records kept while the database is away; past this the oldest are dropped (and counted). */
  maxQueue?: number;
  /** How often a failing database is logged (with the count since the last line). */
  logEveryMs?: number;
  now?: () => number;
}

export interface RecorderStats {
  pending: number;
  written: number;
  dropped: number;
  failures: number;
}

/**
 * What the bot calls. Every method returns at once: the database is written later, off the reply path.
 * `mode` is the server's own setting (/oxytocin-admin recording), when it has one.
 */
export interface Recorder {
  question(record: QuestionRecord, mode?: RecordMode): void;
  feedback(record: FeedbackRecord, mode?: RecordMode): void;
  pick(record: PickRecord, mode?: RecordMode): void;
  /** Writes what is queued now (the timer does this on its own). Never throws. */
  flush(): Promise<void>;
  stats(): RecorderStats;
  /** Flushes once more (bounded by `timeoutMs`), then stops. Does not close the store. */
  close(timeoutMs?: number): Promise<void>;
}

type Item =
  | { kind: 'question'; record: QuestionRecord }
  | { kind: 'feedback'; record: FeedbackRecord }
  | { kind: 'pick'; record: PickRecord };

/** A recorder that keeps nothing (RECORD_QUESTIONS=off, and tests that do not record). */
export const NO_RECORDER: Recorder = {
  question: () => undefined,
  feedback: () => undefined,
  pick: () => undefined,
  flush: async () => undefined,
  stats: () => ({ pending: 0, written: 0, dropped: 0, failures: 0 }),
  close: async () => undefined,
};

/**
 * A bounded in-memory queue flushed to the store in batches on a timer. A failed write (database unreachable,
 * locked, full) puts the batch back and is retried on the next flush; the bot keeps answering. Failures and
 * drops are logged at most once a minute, with counts.
 */
export function createRecorder(options: RecorderOptions): Recorder {
  const {
    store,
    logger,
    mode = 'all',
    flushMs = 1000,
    batchSize = 500,
    maxQueue = 20_000,
    logEveryMs = 60_000,
    now = Date.now,
  } = options;
  let queue: Item[] = [];
  let flushing: Promise<void> | undefined;
  let closed = false;
  let soon: NodeJS.Immediate | undefined;
  const stats = { written: 0, dropped: 0, failures: 0 };
  // What happened since the last log line about it.
  let unloggedFailures = 0;
  let unloggedDrops = 0;
  let lastError: unknown;
  let lastLog = Number.NEGATIVE_INFINITY;
  let failing = false;

  const timer = setInterval(() => void flush(), flushMs);
  timer.unref();

  const report = (force = false) => {
    if (unloggedFailures === 0 && unloggedDrops === 0) return;
    if (!force && now() - lastLog < logEveryMs) return;
    lastLog = now();
    logger.warn(
      { err: lastError, failures: unloggedFailures, dropped: unloggedDrops, pending: queue.length },
      'could not record questions; the bot keeps answering and retries',
    );
    unloggedFailures = 0;
    unloggedDrops = 0;
  };

  const push = (item: Item) => {
    if (closed) return;
    queue.push(item);
    if (queue.length > maxQueue) {
      const over = queue.length - maxQueue;
      queue = queue.slice(over);
      stats.dropped += over;
      unloggedDrops += over;
      report();
    }
    if (queue.length >= batchSize && !soon && !flushing) {
      soon = setImmediate(() => {
        soon = undefined;
        void flush();
      });
    }
  };

  const writeOnce = async (): Promise<void> => {
    while (queue.length > 0) {
      const items = queue.slice(0, batchSize);
      try {
        await store.insert(toBatch(items));
      } catch (error) {
        stats.failures++;
        unloggedFailures++;
        lastError = error;
        failing = true;
        report();
        return;
      }
      queue = queue.slice(items.length);
      stats.written += items.length;
      if (failing) {
        failing = false;
        report(true);
        logger.info({ pending: queue.length }, 'recording questions again');
      }
    }
  };

  const flush = (): Promise<void> => {
    flushing ??= writeOnce().finally(() => {
      flushing = undefined;
    });
    return flushing;
  };

  return {
    question(record, own = mode) {
      if (own === 'off' || (own === 'unanswered' && record.status === 'answered')) return;
      push({ kind: 'question', record });
    },
    feedback(record, own = mode) {
      if (own !== 'off') push({ kind: 'feedback', record });
    },
    pick(record, own = mode) {
      if (own !== 'off') push({ kind: 'pick', record });
    },
    flush,
    stats: () => ({ pending: queue.length, ...stats }),
    async close(timeoutMs = 3000) {
      clearInterval(timer);
      if (soon) clearImmediate(soon);
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([
        flush().then(() => (queue.length > 0 && !flushing ? flush() : undefined)),
        new Promise((resolve) => {
          timeout = setTimeout(resolve, timeoutMs);
        }),
      ]);
      clearTimeout(timeout);
      closed = true;
      if (queue.length > 0) {
        unloggedDrops += queue.length;
        stats.dropped += queue.length;
        queue = [];
      }
      report(true);
    },
  };
}

function toBatch(items: Item[]): RecordBatch {
  const batch: RecordBatch = { questions: [], feedback: [], picks: [] };
  for (const item of items) {
    if (item.kind === 'question') batch.questions.push(item.record);
    else if (item.kind === 'feedback') batch.feedback.push(item.record);
    else batch.picks.push(item.record);
  }
  return batch;
}
