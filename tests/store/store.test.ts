import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.ts';
import { SQLITE_FILE } from '../../src/store/sqlite.ts';
import type { RecordBatch, Store } from '../../src/store/types.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-11-29T12:00:00.000Z');
const at = (daysAgo: number, hour = 0) => new Date(NOW - daysAgo * DAY + hour * 3600_000);
const window = { from: at(30), to: at(-1) };

const BATCH: RecordBatch = {
  questions: [
    q(0, 'slash', 'where is oxytocin made', 'answered', 'made', 0.9, []),
    q(0, 'mention', 'is it the love hormone', 'answered', 'love', 0.85, []),
    q(1, 'dm', 'oxytocin and behaviour', 'suggestions', 'a', 0.5, ['a', 'b']),
    q(1, 'slash', 'Oxytocin and behaviour?', 'suggestions', 'a', 0.5, ['a', 'b']),
    q(2, 'http', 'who won the world cup', 'no_match', null, 0.1, []),
    q(2, 'slash', 'x'.repeat(600), 'no_match', null, 0.1, [], '222'),
    q(45, 'slash', 'too old for the window', 'no_match', null, 0.1, []),
  ],
  feedback: [
    {
      at: at(0),
      guildId: '111',
      entryId: 'made',
      helpful: false,
      question: 'where is it made',
      confidence: 0.8,
    },
    {
      at: at(0),
      guildId: '111',
      entryId: 'made',
      helpful: false,
      question: 'where is it made',
      confidence: 0.8,
    },
    { at: at(0), guildId: '111', entryId: 'made', helpful: true, question: null, confidence: 0.9 },
  ],
  picks: [
    { at: at(1), guildId: '111', menu: 'did-you-mean', question: 'oxytocin and behaviour', entryId: 'b' },
    { at: at(0), guildId: '111', menu: 'did-you-mean', question: 'oxytocin and behaviour', entryId: 'b' },
    { at: at(0), guildId: null, menu: 'related', question: 'where is oxytocin made', entryId: 'love' },
  ],
};

function q(
  daysAgo: number,
  source: RecordBatch['questions'][number]['source'],
  question: string,
  status: RecordBatch['questions'][number]['status'],
  topEntryId: string | null,
  confidence: number,
  suggestionIds: string[],
  guildId: string | null = '111',
): RecordBatch['questions'][number] {
  return { at: at(daysAgo), source, guildId, question, status, topEntryId, confidence, suggestionIds };
}

/** The same contract, run against each database. */
function storeContract(name: string, open: () => Promise<Store & { migrated: string[] }>) {
  describe(`the store on ${name}`, () => {
    let store: Store & { migrated: string[] };

    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('migrates from empty, and a second start applies nothing and keeps every row', async () => {
      expect(store.migrated).toEqual(['0001_question_log', '0002_guild_settings']);
      await store.insert(BATCH);
      const again = await open();
      expect(again.migrated).toEqual([]);
      expect(await again.dailyCounts(window)).toEqual(await store.dailyCounts(window));
      await again.close();
    });

    it('counts questions by day, source and status within the window', async () => {
      const counts = await store.dailyCounts(window);
      const total = counts.reduce((n, c) => n + c.count, 0);
      expect(total).toBe(6);
      expect(counts).toContainEqual({ day: '2026-11-28', source: 'dm', status: 'suggestions', count: 1 });
      expect(counts).toContainEqual({ day: '2026-11-29', source: 'slash', status: 'answered', count: 1 });
      const guild = await store.dailyCounts({ ...window, guildId: '222' });
      expect(guild).toEqual([{ day: '2026-11-27', source: 'slash', status: 'no_match', count: 1 }]);
    });

    it('lists the unanswered questions with their suggestions, cut at 500 characters', async () => {
      const rows = await store.unanswered(window);
      expect(rows.map((r) => r.question.slice(0, 30))).toEqual([
        'who won the world cup',
        'x'.repeat(30),
        'oxytocin and behaviour',
        'Oxytocin and behaviour?',
      ]);
      expect(rows.find((r) => r.question.startsWith('x'))?.question).toHaveLength(500);
      expect(rows[2]).toMatchObject({ status: 'suggestions', topEntryId: 'a', suggestionIds: ['a', 'b'] });
      expect(rows[2]?.at).toEqual(at(1));
    });

    it('counts feedback by entry, verdict and question', async () => {
      const rows = await store.feedbackCounts(window);
      expect(rows).toHaveLength(2);
      expect(rows).toContainEqual({
        entryId: 'made',
        helpful: false,
        question: 'where is it made',
        count: 2,
      });
      expect(rows).toContainEqual({ entryId: 'made', helpful: true, question: null, count: 1 });
    });

    it('counts picks by menu, question and entry', async () => {
      const rows = await store.pickCounts(window);
      expect(rows).toContainEqual({
        menu: 'did-you-mean',
        question: 'oxytocin and behaviour',
        entryId: 'b',
        count: 2,
        lastAt: at(0),
      });
      expect(await store.pickCounts({ ...window, guildId: '111' })).toHaveLength(1);
    });

    it('lists the entries people reached: answered, given feedback, or picked', async () => {
      expect(await store.reachedEntryIds(window)).toEqual(['b', 'love', 'made']);
    });

    it('deletes rows older than the retention cutoff, and only those', async () => {
      const deleted = await store.deleteOlderThan(at(30));
      expect(deleted).toEqual({ questions: 1, feedback: 0, picks: 0 });
      expect(await store.unanswered({ from: at(100), to: at(-1) })).toHaveLength(4);
      expect(await store.deleteOlderThan(at(30))).toEqual({ questions: 0, feedback: 0, picks: 0 });
    });

    it('writes nothing for an empty batch', async () => {
      await expect(store.insert({ questions: [], feedback: [], picks: [] })).resolves.toBeUndefined();
    });

    it("keeps a server's settings, replaces them, says whether any server has a question channel", async () => {
      expect(await store.guildSettings('333')).toBeUndefined();
      expect(await store.anyQuestionChannels()).toBe(false);
      await store.saveGuildSettings('333', { questionChannelIds: ['44', '55'], privateDefault: true });
      expect(await store.guildSettings('333')).toEqual({
        questionChannelIds: ['44', '55'],
        privateDefault: true,
      });
      expect(await store.anyQuestionChannels()).toBe(true);
      const full = {
        questionChannelIds: [],
        privateDefault: false,
        recordQuestions: 'unanswered' as const,
        cooldown: { questions: 3, seconds: 60 },
      };
      await store.saveGuildSettings('333', full);
      expect(await store.guildSettings('333')).toEqual(full);
      expect(await store.anyQuestionChannels()).toBe(false);
    });

    it('forgets a server: its settings, questions, feedback and picks, and nothing of the others', async () => {
      const others = await store.dailyCounts(window);
      await store.insert({
        questions: [q(0, 'slash', 'from the server that left', 'no_match', null, 0.1, [], '333')],
        feedback: [
          { at: at(0), guildId: '333', entryId: 'made', helpful: true, question: null, confidence: 1 },
        ],
        picks: [{ at: at(0), guildId: '333', menu: 'related', question: 'q', entryId: 'made' }],
      });
      expect(await store.forgetGuild('333')).toEqual({ settings: 1, questions: 1, feedback: 1, picks: 1 });
      expect(await store.guildSettings('333')).toBeUndefined();
      expect(await store.dailyCounts({ ...window, guildId: '333' })).toEqual([]);
      expect(await store.dailyCounts(window)).toEqual(others);
      expect(await store.forgetGuild('333')).toEqual({ settings: 0, questions: 0, feedback: 0, picks: 0 });
    });
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'oxytocin-store-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

storeContract('SQLite', () => openStore({ dataDir }));

describe('SQLite specifics', () => {
  it('uses WAL mode, in DATA_DIR/oxytocin-bot.sqlite', async () => {
    const store = await openStore({ dataDir });
    expect(store.location).toBe(join(dataDir, SQLITE_FILE));
    const raw = new Database(join(dataDir, SQLITE_FILE));
    // libsql's .get() adds a `_metadata` field to the row: read the one column by name.
    expect((raw.prepare('pragma journal_mode').get() as { journal_mode: string }).journal_mode).toBe('wal');
    raw.close();
    await store.close();
  });
});

let postgres: TestPostgres | undefined;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
});

storeContract('PostgreSQL', () => openStore({ dataDir, databaseUrl: postgres?.url }));

describe('PostgreSQL specifics', () => {
  it('creates the same tables and columns as SQLite', async () => {
    const client = new pg.Client({ connectionString: postgres?.url });
    await client.connect();
    const { rows } = await client.query<{ table_name: string; column_name: string }>(
      `select table_name, column_name from information_schema.columns
       where table_schema = 'public' and table_name in ('questions', 'feedback', 'picks', 'guild_settings')
       order by table_name, ordinal_position`,
    );
    await client.end();
    const raw = new Database(join(dataDir, SQLITE_FILE));
    const sqlite = ['feedback', 'guild_settings', 'picks', 'questions'].flatMap((t) =>
      (raw.prepare(`pragma table_info(${t})`).all() as { name: string }[]).map((c) => `${t}.${c.name}`),
    );
    raw.close();
    expect(rows.map((r) => `${r.table_name}.${r.column_name}`)).toEqual(sqlite);
  });
});
