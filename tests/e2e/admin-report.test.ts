import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addQuestion } from '../../src/curate/add-question.ts';
import { decodeCustomId } from '../../src/discord/custom-ids.ts';
import { createEngine } from '../../src/engine/index.ts';
import { type KnowledgeBase, loadKnowledgeBase } from '../../src/knowledge/index.ts';
import { createReloader, hashKnowledgeDir, knowledgeHolder } from '../../src/reload/index.ts';
import type { ResponseView } from '../../src/simulator/index.ts';
import { openStore } from '../../src/store/open.ts';
import type { QuestionRecord, RecordBatch, Store } from '../../src/store/types.ts';
import { type Harness, startHarness } from '../helpers/bot-harness.ts';
import { REAL_KB } from '../helpers/kb-fixtures.ts';

type Button = { type: number; custom_id?: string; label?: string; disabled?: boolean };
const buttonsOf = (view: ResponseView): Button[] =>
  (view.components as { components?: Button[] }[]).flatMap((row) => row.components ?? []);
const DAY = 24 * 3600_000;

/** Every Discord limit an embed message must meet (the simulator enforces them too; this names them). */
function expectWithinLimits(view: ResponseView): void {
  expect(view.embeds.length).toBeLessThanOrEqual(10);
  let total = 0;
  for (const e of view.embeds as APIEmbed[]) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(256);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(4096);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(25);
    for (const f of e.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(1024);
    expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(2048);
    total +=
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.footer?.text.length ?? 0) +
      (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  }
  expect(total).toBeLessThanOrEqual(6000);
  expect(view.content.length).toBeLessThanOrEqual(2000);
  expect(view.components.length).toBeLessThanOrEqual(5);
  const buttons = buttonsOf(view);
  expect(buttons.length).toBeLessThanOrEqual(5);
  for (const b of buttons) {
    expect(b.custom_id?.length ?? 0).toBeLessThanOrEqual(100);
    expect(b.label?.length ?? 0).toBeLessThanOrEqual(80);
  }
  expect(new Set(buttons.map((b) => b.custom_id)).size).toBe(buttons.length);
}

/** Thousands of questions in one server over 30 days: many distinct unanswered ones, some long and hostile. */
function bigBatch(guildId: string, kb: KnowledgeBase, now: number): RecordBatch {
  const ids = kb.entries.map((e) => e.id);
  const questions: QuestionRecord[] = [];
  // Minutes past midnight (UTC) of each of the report's 30 days, so every row falls inside its window.
  const today = Math.floor(now / DAY) * DAY;
  for (let i = 0; i < 3000; i++) {
    const at = new Date(today - (i % 30) * DAY + ((i % 7) + 1) * 60_000);
    const status = i % 3 === 0 ? 'answered' : i % 3 === 1 ? 'suggestions' : 'no_match';
    const guess = ids[i % ids.length] as string;
    const text =
      i % 50 === 0
        ? `**bold** [free nitro](https://evil.example) @everyone ${`oxytocin ${i} `.repeat(60)}`
        : `word${i % 700}a word${i % 700}b ${status === 'answered' ? 'what is oxytocin' : 'oxytocin thing'}?`;
    questions.push({
      at,
      source: i % 4 === 0 ? 'mention' : 'slash',
      guildId,
      question: text,
      status,
      topEntryId: status === 'no_match' ? null : guess,
      confidence: status === 'answered' ? 0.9 : 0.4,
      suggestionIds: status === 'suggestions' ? [guess, ids[(i + 1) % ids.length] as string] : [],
    });
  }
  return {
    questions,
    feedback: Array.from({ length: 300 }, (_, i) => ({
      at: new Date(today - (i % 30) * DAY + 60_000),
      guildId,
      entryId: ids[i % 80] as string,
      helpful: i % 4 === 0,
      question: `why ${i} ${'oxytocin '.repeat(i % 40)}`,
      confidence: 0.8,
    })),
    picks: Array.from({ length: 200 }, (_, i) => ({
      at: new Date(today - (i % 30) * DAY + 60_000),
      guildId,
      menu: i % 2 === 0 ? ('did-you-mean' as const) : ('related' as const),
      question: `pick ${i % 120} oxytocin`,
      entryId: ids[i % ids.length] as string,
    })),
  };
}

describe('/oxytocin-admin report and reload through the simulator', () => {
  let h: Harness;
  let dataDir: string;
  let kbDir: string;
  let store: Store;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'oxytocin-admin-report-'));
    kbDir = mkdtempSync(join(tmpdir(), 'oxytocin-admin-kb-'));
    cpSync(REAL_KB, kbDir, { recursive: true });
    store = await openStore({ dataDir });
    const kb = (await loadKnowledgeBase(kbDir)).kb as KnowledgeBase;
    const holder = knowledgeHolder({
      kb,
      engine: createEngine(kb),
      hash: await hashKnowledgeDir(kbDir),
      loadedAt: new Date(),
    });
    h = await startHarness({ kb, engine: () => holder.current.engine, bot: { knowledge: holder, store } });
    const reloader = createReloader({ dir: kbDir, holder, logger: h.bot.context.logger });
    await h.restartBot({ reloader });
    await store.insert(bigBatch(h.sim.guild.id, kb, Date.now()));
    // Another server's questions never show in this server's report.
    await store.insert({
      questions: [
        {
          ...bigBatch('999999999999999999', kb, Date.now()).questions[1],
          question: 'the other server asked this',
        } as QuestionRecord,
      ],
      feedback: [],
      picks: [],
    });
  });

  afterAll(async () => {
    await h?.stop();
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(kbDir, { recursive: true, force: true });
  });

  it('report: 3,000 questions in pages that each stay within every embed and component limit, sparklines first', async () => {
    const first = await h.sim.slash('oxytocin-admin', 'report', {});
    expect(first.ephemeral).toBe(true);
    expect(first.embeds[0]?.title).toBe('Questions asked here');
    const overview = first.embeds[0]?.description ?? '';
    expect(overview.indexOf('asked per day')).toBeLessThan(overview.indexOf('Asked **3000**'));
    expect(overview).toMatch(/asked per day {3}[▁▂▃▄▅▆▇█·]{30} /);
    expect(overview).toMatch(/answered share {2}[▁▂▃▄▅▆▇█·]{30} /);
    expect(overview).toContain('answered **1000** (33.3%)');
    const pages = Number(/Page 1 of (\d+)/.exec(first.embeds[0]?.footer?.text ?? '')?.[1]);
    expect(pages).toBeGreaterThan(10);

    const titles: string[] = [];
    let view = first;
    for (let page = 1; page <= pages; page++) {
      expectWithinLimits(view);
      expect(view.embeds[0]?.footer?.text).toContain(`Page ${page} of ${pages}`);
      titles.push(view.embeds[0]?.title ?? '');
      const text = JSON.stringify(view.embeds);
      expect(text).not.toContain('the other server asked this');
      expect(text).not.toContain('https://evil.example');
      const next = buttonsOf(view).find((b) => b.label === 'Next') as Button;
      expect(next.disabled ?? false).toBe(page === pages);
      if (page < pages) {
        expect(decodeCustomId(next.custom_id as string)).toEqual({
          action: 'report',
          days: 30,
          page,
          toward: 'n',
        });
        view = await h.sim.clickButton(view, next.custom_id as string);
        expect(view.type).toBe('deferred-update');
      }
    }
    expect(titles.some((t) => t.startsWith('Unanswered questions ('))).toBe(true);
    expect(titles.some((t) => t.startsWith('Marked Not helpful ('))).toBe(true);
    expect(titles.some((t) => t.startsWith('Picked from a menu'))).toBe(true);
    expect(titles.at(-1)).toMatch(/^Entries nobody reached/);
    const previous = buttonsOf(view).find((b) => b.label === 'Previous') as Button;
    const back = await h.sim.clickButton(view, previous.custom_id as string);
    expect(back.embeds[0]?.footer?.text).toContain(`Page ${pages - 1} of ${pages}`);
    expect(h.sim.violations()).toEqual([]);
  });

  it('report days:7 covers a week', async () => {
    const week = await h.sim.slash('oxytocin-admin', 'report', { days: 7 });
    expect(week.embeds[0]?.description).toMatch(/asked per day {3}[▁▂▃▄▅▆▇█·]{7} /);
    expect(week.embeds[0]?.footer?.text).toContain('last 7 days');
  });

  it('reload: unchanged, refused with the problems that kept the last good knowledge, then reloaded', async () => {
    const hash = h.bot.context.knowledge.current.hash;
    const unchanged = await h.sim.slash('oxytocin-admin', 'reload', {});
    expect(unchanged.ephemeral).toBe(true);
    expect(unchanged.content).toBe(`Nothing changed on disk; still serving 100 entries, hash \`${hash}\`.`);

    const path = join(kbDir, 'entries/what-is-oxytocin.md');
    const good = readFileSync(path, 'utf8');
    writeFileSync(path, good.replace(/^evidence: .*$/m, 'evidence: very-strong'));
    const refused = await h.sim.slash('oxytocin-admin', 'reload', {});
    expect(refused.content).toContain(
      `Reload refused: still serving the last good knowledge (100 entries, hash \`${hash}\`). 4 problems:\n\`\`\`\n`,
    );
    expect(refused.content).toMatch(/^entries\/what-is-oxytocin\.md:\d+: evidence: must be one of: /m);
    expect(refused.content).not.toContain(kbDir);
    writeFileSync(path, good);

    expect(await addQuestion(kbDir, 'what-is-oxytocin', 'can oxytocin water my houseplants')).toMatchObject({
      ok: true,
    });
    const reloaded = await h.sim.slash('oxytocin-admin', 'reload', {}, { timeoutMs: 20_000 });
    const now = h.bot.context.knowledge.current.hash;
    expect(now).not.toBe(hash);
    expect(reloaded.content).toBe(`Reloaded the knowledge base: 100 entries, hash \`${now}\`.`);
    expect(h.sim.violations()).toEqual([]);
  });
});
