import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.ts';
import { createRecorder } from '../../src/store/recorder.ts';
import { scheduleRetention } from '../../src/store/retention.ts';
import { SQLITE_FILE } from '../../src/store/sqlite.ts';
import type { QuestionRecord, Store } from '../../src/store/types.ts';
import { captureLogs } from '../helpers/log-capture.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';

const WINDOW = { from: new Date(0), to: new Date(Date.now() + 60_000) };

const capture = captureLogs;

const question = (text: string, status: QuestionRecord['status'] = 'no_match'): QuestionRecord => ({
  at: new Date(),
  source: 'slash',
  guildId: '1',
  question: text,
  status,
  topEntryId: null,
  confidence: 0.2,
  suggestionIds: [],
});

const asked = async (store: Store) => (await store.dailyCounts(WINDOW)).reduce((n, c) => n + c.count, 0);

describe('the recorder on SQLite', () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'oxytocin-recorder-'));
    store = await openStore({ dataDir: dir });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('queues, then writes in batches when flushed', async () => {
    const { logger } = capture();
    const recorder = createRecorder({ store, logger, flushMs: 60_000 });
    for (let i = 0; i < 5; i++) recorder.question(question(`q${i}`));
    expect(recorder.stats().pending).toBe(5);
    expect(await asked(store)).toBe(0);
    await recorder.flush();
    expect(await asked(store)).toBe(5);
    expect(recorder.stats()).toMatchObject({ pending: 0, written: 5 });
    await recorder.close();
  });

  it('keeps only the unanswered questions with RECORD_QUESTIONS=unanswered, but all feedback', async () => {
    const { logger } = capture();
    const recorder = createRecorder({ store, logger, mode: 'unanswered', flushMs: 60_000 });
    recorder.question(question('answered one', 'answered'));
    recorder.question(question('unanswered one'));
    recorder.feedback({
      at: new Date(),
      guildId: null,
      entryId: 'e',
      helpful: true,
      question: 'q',
      confidence: 1,
    });
    expect(recorder.stats().pending).toBe(2);
    await recorder.close();
  });

  it('a locked database: nothing throws, the failure is logged with a count, and the rows arrive later', async () => {
    const { logger, lines } = capture();
    const recorder = createRecorder({ store, logger, flushMs: 60_000, logEveryMs: 60_000 });
    const before = await asked(store);
    // Another process holding the write lock (as a stuck shard would).
    const other = new Database(join(dir, SQLITE_FILE));
    other.exec('BEGIN EXCLUSIVE');
    recorder.question(question('while locked 1'));
    await recorder.flush();
    recorder.question(question('while locked 2'));
    await recorder.flush();
    const warnings = lines.filter((l) => String(l.msg).startsWith('could not record'));
    expect(warnings).toHaveLength(1); // once a minute, not once a failure
    expect(warnings[0]).toMatchObject({ failures: 1, pending: 1 });
    expect(String((warnings[0]?.err as { message?: string } | undefined)?.message)).toMatch(/locked|busy/i);
    expect(recorder.stats()).toMatchObject({ pending: 2, failures: 2 });
    other.exec('ROLLBACK');
    other.close();
    await recorder.flush();
    expect(await asked(store)).toBe(before + 2);
    expect(lines.some((l) => l.msg === 'recording questions again')).toBe(true);
    expect(
      lines.find(
        (l) => String(l.msg).startsWith('could not record') && l.failures === 1 && l !== warnings[0],
      ),
    ).toBeDefined();
    await recorder.close();
  });

  it('is bounded: past maxQueue the oldest are dropped, counted and logged', async () => {
    const { logger, lines } = capture();
    const recorder = createRecorder({ store, logger, flushMs: 60_000, maxQueue: 3, batchSize: 100 });
    for (let i = 0; i < 5; i++) recorder.question(question(`b${i}`));
    expect(recorder.stats()).toMatchObject({ pending: 3, dropped: 2 });
    expect(lines.find((l) => String(l.msg).startsWith('could not record'))).toMatchObject({ dropped: 1 });
    await recorder.close();
  });

  it('retention deletes old rows at start and logs what it deleted', async () => {
    const { logger, lines } = capture();
    await store.insert({
      questions: [{ ...question('ancient'), at: new Date(Date.now() - 100 * 86_400_000) }],
      feedback: [],
      picks: [],
    });
    const retention = scheduleRetention(store, 90, logger);
    await retention.ready;
    retention.stop();
    expect(lines.find((l) => l.msg === 'old records deleted')).toMatchObject({
      questions: 1,
      retentionDays: 90,
    });
  });
});

describe('the recorder on PostgreSQL that goes away', () => {
  let postgres: TestPostgres;
  let store: Store;
  beforeAll(async () => {
    postgres = await startPostgres();
    store = await openStore({ dataDir: '/nonexistent', databaseUrl: postgres.url });
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await postgres?.stop();
  });

  it('keeps the records while the server is down and writes them once it is back', async () => {
    const { logger, lines } = capture();
    const recorder = createRecorder({ store, logger, flushMs: 60_000 });
    recorder.question(question('before'));
    await recorder.flush();
    await postgres.pause();
    recorder.question(question('while down'));
    await recorder.flush();
    expect(recorder.stats()).toMatchObject({ pending: 1, failures: 1 });
    expect(lines.filter((l) => String(l.msg).startsWith('could not record'))).toHaveLength(1);
    await postgres.resume();
    await recorder.flush();
    expect(recorder.stats()).toMatchObject({ pending: 0, written: 2 });
    expect(await asked(store)).toBe(2);
    await recorder.close();
  }, 30_000);
});
