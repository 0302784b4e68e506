import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_RECORDER } from '../../src/store/recorder.ts';
import { startRecording } from '../../src/store/setup.ts';
import { SQLITE_FILE } from '../../src/store/sqlite.ts';
import { captureLogs } from '../helpers/log-capture.ts';
import { freePort } from '../helpers/postgres.ts';

const capture = captureLogs;

const question = {
  at: new Date(),
  source: 'slash' as const,
  guildId: null,
  question: 'where is oxytocin made',
  status: 'answered' as const,
  topEntryId: 'where-is-oxytocin-made',
  confidence: 0.9,
  suggestionIds: [],
};

describe('startRecording, as the bot runs it', () => {
  it('RECORD_QUESTIONS=off records nothing and opens no database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'oxytocin-off-'));
    const { logger, lines } = capture();
    const recording = startRecording({ recordQuestions: 'off', retentionDays: 90, dataDir }, logger);
    expect(recording.recorder).toBe(NO_RECORDER);
    recording.recorder.question(question);
    await recording.stop();
    expect(existsSync(join(dataDir, SQLITE_FILE))).toBe(false);
    expect(lines.map((l) => l.msg)).toEqual(['not recording questions']);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('with server settings and nothing stored yet, reads answer empty without creating or opening the database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'oxytocin-lazy-'));
    const { logger, lines } = capture();
    const recording = startRecording({ recordQuestions: 'off', retentionDays: 90, dataDir }, logger, {
      serverSettings: true,
    });
    const store = recording.store;
    if (!store) throw new Error('server settings need a store');
    const window = { from: new Date(0), to: new Date() };
    expect(await store.guildSettings('1')).toBeUndefined();
    expect(await store.anyQuestionChannels()).toBe(false);
    expect(await store.dailyCounts(window)).toEqual([]);
    expect(await store.forgetGuild('1')).toEqual({ questions: 0, feedback: 0, picks: 0, settings: 0 });
    expect(existsSync(join(dataDir, SQLITE_FILE))).toBe(false);
    expect(lines.map((l) => l.msg)).not.toContain('question store ready');

    // Another process (a shard) saves a setting: the file now exists, and this store opens and reads it.
    const other = startRecording({ recordQuestions: 'off', retentionDays: 90, dataDir }, capture().logger, {
      serverSettings: true,
    });
    const saved = { questionChannelIds: ['42'], privateDefault: true };
    await other.store?.saveGuildSettings('1', saved);
    expect(existsSync(join(dataDir, SQLITE_FILE))).toBe(true);
    expect(await store.guildSettings('1')).toEqual(saved);
    expect(await store.anyQuestionChannels()).toBe(true);
    await other.stop();
    await recording.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens SQLite in DATA_DIR, migrates, runs retention and writes what is recorded', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'oxytocin-on-'));
    const { logger, lines } = capture();
    const recording = startRecording({ recordQuestions: 'all', retentionDays: 90, dataDir }, logger);
    recording.recorder.question(question);
    await recording.stop();
    expect(existsSync(join(dataDir, SQLITE_FILE))).toBe(true);
    expect(lines.find((l) => l.msg === 'question store ready')).toMatchObject({
      store: 'sqlite',
      migrated: ['0001_question_log', '0002_guild_settings'],
    });
    expect(lines.find((l) => l.msg === 'old records deleted')).toMatchObject({ retentionDays: 90 });
    expect(recording.recorder.stats()).toMatchObject({ written: 1, pending: 0 });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a PostgreSQL that is down at start-up: nothing throws, the failure is logged, what is queued is counted', async () => {
    const port = await freePort(); // nothing listens there
    const { logger, lines } = capture();
    const recording = startRecording(
      {
        recordQuestions: 'all',
        retentionDays: 90,
        dataDir: '/nonexistent',
        databaseUrl: `postgres://postgres:pw@127.0.0.1:${port}/none`,
      },
      logger,
    );
    recording.recorder.question(question);
    await recording.recorder.flush();
    await recording.stop();
    expect(lines.find((l) => String(l.msg).startsWith('could not delete old records'))).toBeDefined();
    const warnings = lines.filter((l) => String(l.msg).startsWith('could not record questions'));
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(String(JSON.stringify(warnings[0]?.err))).toMatch(/ECONNREFUSED/);
    expect(warnings.at(-1)).toMatchObject({ dropped: 1 }); // still queued at shutdown: dropped, and said so
  });
});
