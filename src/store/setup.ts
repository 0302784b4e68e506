import type { Logger } from '../logger.ts';
import { lazyStore } from './lazy.ts';
import { createRecorder, NO_RECORDER, type Recorder, type RecordMode } from './recorder.ts';
import { scheduleRetention } from './retention.ts';

export interface RecordingSettings {
  recordQuestions: RecordMode;
  retentionDays: number;
  dataDir: string;
  databaseUrl?: string;
}

export interface Recording {
  recorder: Recorder;
  /** Flushes what is queued, stops the daily retention and closes the database. */
  stop(): Promise<void>;
}

/**
 * What `npm start`, each shard and `npm run start:http` record, from the configuration: nothing at all with
 * RECORD_QUESTIONS=off (the database is not even opened); otherwise a recorder over the store, with retention
 * at start-up and once a day.
 */
export function startRecording(settings: RecordingSettings, logger: Logger): Recording {
  if (settings.recordQuestions === 'off') {
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
    'recording questions',
  );
  return {
    recorder,
    async stop() {
      retention.stop();
      await retention.ready;
      await recorder.close();
      await store.close().catch((error: unknown) => logger.warn({ err: error }, 'could not close the store'));
    },
  };
}
