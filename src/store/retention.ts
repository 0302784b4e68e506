import type { Logger } from '../logger.ts';
import type { Store } from './types.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Deletes rows older than `days` days now and once a day after; returns a function that stops it. */
export function scheduleRetention(
  store: Store,
  days: number,
  logger: Logger,
  { everyMs = DAY_MS, now = Date.now } = {},
): { ready: Promise<void>; stop(): void } {
  const run = async () => {
    const cutoff = new Date(now() - days * DAY_MS);
    try {
      const deleted = await store.deleteOlderThan(cutoff);
      logger.info(
        { ...deleted, olderThan: cutoff.toISOString(), retentionDays: days },
        'old records deleted',
      );
    } catch (error) {
      logger.warn({ err: error, retentionDays: days }, 'could not delete old records; will try again');
    }
  };
  const ready = run();
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return { ready, stop: () => clearInterval(timer) };
}
