import type { Logger } from '../logger.ts';
import { lazyStore } from './lazy.ts';
import { createRecorder, NO_RECORDER, type Recorder, type RecordMode } from './recorder.ts';
import { scheduleRetention } from './retention.ts';
import type { Store } from './types.ts';

export interface RecordingSettings {
  recordQuestions: RecordMode;
  retentionDays: number;
  dataDir: string;
  databaseUrl?: string;
}

export interface Recording {
  recorder: Recorder;
  /** The store it writes to (opened on first use), also serving per-server settings; none when off. */
  store?: Store;
  /** Flushes what is queued, stops the daily retention and closes the database. */
  stop(): Promise<void>;
}

/**
 * What `npm start`, each shard and `npm run start:http` record, from the configuration: a recorder over the
 * store, with retention at start-up and once a day. With RECORD_QUESTIONS=off nothing is kept and the database
 * is not even opened, unless `serverSettings` is set: the bot then keeps per-server settings in the store, and
 * records a server's questions only when that server turned recording on (/oxytocin-admin recording).
 */
export function startRecording(
  settings: RecordingSettings,
  logger: Logger,
  { serverSettings = false } = {},
): Recording {
  if (settings.recordQuestions === 'off' && !serverSettings) {
    logger.info({ recordQuestions: 'off' }, 'not recording questions');
    return { recorder: NO_RECORDER, stop: async () => undefined };
  }
  const store = lazyStore({ dataDir: settings.dataDir, databaseUrl: settings.databaseUrl }, logger);
  const recorder = createRecorder({ store, logger, mode: settings.recordQuestions });
  const retention = scheduleRetention(store, settings.retentionDays, logger);
  logger.info(
    {
      recordQuestions: settings.recordQuestions,
      retentionDays: settings.retentionDays,
      store: settings.databaseUrl ? 'postgres' : 'sqlite',
    },
    settings.recordQuestions === 'off'
      ? 'not recording questions, unless a server turns it on'
      : 'recording questions',
  );
  return {
    recorder,
    store,
    async stop() {
      retention.stop();
      await retention.ready;
      await recorder.close();
      await store.close().catch((error: unknown) => logger.warn({ err: error }, 'could not close the store'));
    },
  };
}
