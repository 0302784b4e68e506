import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCustomId } from '../../src/discord/custom-ids.ts';
import { privacySentence } from '../../src/discord/render/privacy.ts';
import { openStore } from '../../src/store/open.ts';
import { createRecorder, type Recorder } from '../../src/store/recorder.ts';
import { SQLITE_FILE } from '../../src/store/sqlite.ts';
import type { Store } from '../../src/store/types.ts';
import { type Harness, startHarness } from '../helpers/bot-harness.ts';
import { runCliScript } from '../helpers/cli.ts';
import { REAL_KB } from '../helpers/kb-fixtures.ts';

type Component = { type: number; custom_id?: string; options?: { value: string; label: string }[] };
const componentsOf = (view: { components: unknown[] }): Component[] =>
  (view.components as { components?: Component[] }[]).flatMap((row) => row.components ?? []);
const WINDOW = () => ({ from: new Date(Date.now() - 3600_000), to: new Date(Date.now() + 3600_000) });
const PRIVACY = { recordQuestions: 'all', retentionDays: 90 } as const;

describe('recording questions, feedback and picks, end to end through the simulator', () => {
  let h: Harness;
  let dir: string;
  let store: Store;
  let recorder: Recorder;
  /** Every id and name the simulator gave a person or a message: none may reach the database. */
  const identifying = new Set<string>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'oxytocin-e2e-store-'));
    store = await openStore({ dataDir: dir });
    h = await startHarness();
    recorder = createRecorder({ store, logger: h.bot.context.logger, flushMs: 60_000 });
    await h.restartBot({ recorder, privacy: PRIVACY });
  });

  afterAll(async () => {
    await h?.stop();
    await recorder?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const remember = (view: { messageId: string | null }) => {
    if (view.messageId) identifying.add(view.messageId);
  };

  it('records each question after replying: source, guild, text, status, top entry, confidence, suggestions', async () => {
    const answered = await h.sim.slash('oxytocin', 'ask', { question: 'where is oxytocin made?' });
    remember(answered);
    expect(answered.embeds[0]?.title).toBe('Where is oxytocin made in the body?');
    remember(await h.sim.slash('oxytocin', 'ask', { question: 'who won the world cup' }));
    remember(await h.sim.sendMessage('is oxytocin the love hormone?', { mentionBot: true }));
    remember(await h.sim.sendMessage('where is oxytocin made', { dm: true }));
    await recorder.flush();
    const counts = await store.dailyCounts(WINDOW());
    expect(counts.map((c) => [c.source, c.status, c.count]).sort()).toEqual([
      ['dm', 'answered', 1],
      ['mention', 'answered', 1],
      ['slash', 'answered', 1],
      ['slash', 'no_match', 1],
    ]);
    const [noMatch] = await store.unanswered(WINDOW());
    expect(noMatch).toMatchObject({ question: 'who won the world cup', status: 'no_match' });
  });

  it('records a Not helpful click with the entry, the question and the confidence', async () => {
    const r = await h.sim.slash('oxytocin', 'ask', { question: 'Where is *oxytocin* made?' });
    remember(r);
    const notHelpful = componentsOf(r).find((c) => {
      const a = c.custom_id ? decodeCustomId(c.custom_id) : undefined;
      return a?.action === 'feedback' && !a.helpful;
    });
    remember(await h.sim.clickButton(r, notHelpful?.custom_id as string));
    await recorder.flush();
    const feedback = await store.feedbackCounts(WINDOW());
    expect(feedback).toEqual([
      { entryId: 'where-is-oxytocin-made', helpful: false, question: 'Where is *oxytocin* made?', count: 1 },
    ]);
  });

  it('records a "did you mean" pick with the question asked and the entry picked; category menus are not picks', async () => {
    const r = await h.sim.slash('oxytocin', 'ask', { question: 'oxytocin and behaviour' });
    remember(r);
    expect(r.embeds[0]?.title).toBe('Did you mean…?');
    const menu = componentsOf(r).find((c) => c.type === 3);
    const chosen = menu?.options?.[1]?.value as string;
    remember(await h.sim.chooseOption(r, menu?.custom_id as string, [chosen]));
    const topics = await h.sim.slash('oxytocin', 'topics', { category: 'basics' });
    const topicMenu = componentsOf(topics).find((c) => c.type === 3);
    if (topicMenu) {
      remember(
        await h.sim.chooseOption(topics, topicMenu.custom_id as string, [
          topicMenu.options?.[0]?.value as string,
        ]),
      );
    }
    await recorder.flush();
    expect(await store.pickCounts(WINDOW())).toEqual([
      expect.objectContaining({
        menu: 'did-you-mean',
        question: 'oxytocin and behaviour',
        entryId: chosen,
        count: 1,
      }),
    ]);
  });

  it('all of it appears in `npm run report -- --json`', async () => {
    await recorder.flush();
    const { code, stdout } = await runCliScript('src/cli/report.ts', ['--json'], {
      DATA_DIR: dir,
      KNOWLEDGE_DIR: REAL_KB,
    });
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.totals).toMatchObject({ asked: 6, answered: 4, suggestions: 1, no_match: 1 });
    expect(report.unanswered.map((u: { question: string }) => u.question).sort()).toEqual([
      'oxytocin and behaviour',
      'who won the world cup',
    ]);
    expect(report.feedback).toEqual([
      {
        entryId: 'where-is-oxytocin-made',
        helpful: 0,
        notHelpful: 1,
        questions: ['Where is *oxytocin* made?'],
      },
    ]);
    expect(report.picked).toEqual([
      { question: 'oxytocin and behaviour', entryId: expect.any(String), count: 1 },
    ]);
    expect(report.neverReached).not.toContain('where-is-oxytocin-made');
  });

  it('/oxytocin about says in one sentence what is kept, for how long, and that nobody is identified', async () => {
    const r = await h.sim.slash('oxytocin', 'about', {});
    const field = r.embeds[0]?.fields?.find((f) => f.name === 'Privacy');
    expect(field?.value).toBe(privacySentence(PRIVACY));
    expect(field?.value).toMatch(/90 days.*nobody is identified/);
  });

  it('stores no user id, user name or message id in any column of any table', async () => {
    for (const user of [h.sim.user, h.sim.otherUser]) {
      identifying.add(user.id);
      identifying.add(user.username);
      if (user.global_name) identifying.add(user.global_name);
    }
    for (const m of h.sim.channelMessages()) identifying.add(m.messageId);
    const db = new Database(join(dir, SQLITE_FILE));
    const tables = (
      db.prepare("select name from sqlite_master where type = 'table' and name not like 'kysely%'").all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    expect(tables.sort()).toEqual(['feedback', 'guild_settings', 'picks', 'questions']);
    let cells = 0;
    for (const table of tables) {
      for (const row of db.prepare(`select * from ${table}`).all() as Record<string, unknown>[]) {
        for (const [column, value] of Object.entries(row)) {
          cells++;
          for (const id of identifying) {
            expect(String(value), `${table}.${column}`).not.toContain(id);
          }
        }
      }
    }
    db.close();
    expect(cells).toBeGreaterThan(50);
    expect(identifying.size).toBeGreaterThan(5);
  });

  it('the database locked mid-run: answers still go out, the failure is logged, nothing throws, rows arrive later', async () => {
    const before = (await store.dailyCounts(WINDOW())).reduce((n, c) => n + c.count, 0);
    const other = new Database(join(dir, SQLITE_FILE));
    other.exec('BEGIN EXCLUSIVE');
    try {
      for (const question of ['where is oxytocin made?', 'does oxytocin increase trust']) {
        const r = await h.sim.slash('oxytocin', 'ask', { question });
        expect(r.type).toBe('reply');
        expect(r.embeds[0]?.title).not.toBe("I don't have an answer for that");
      }
      await recorder.flush();
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    const records = h.logRecords();
    expect(records.filter((l) => String(l.msg).startsWith('could not record questions'))).toHaveLength(1);
    expect(records.filter((l) => l.msg === 'interaction handler failed')).toEqual([]);
    await recorder.flush();
    const after = (await store.dailyCounts(WINDOW())).reduce((n, c) => n + c.count, 0);
    expect(after).toBe(before + 2);
    expect(h.sim.violations()).toEqual([]);
  });
});
