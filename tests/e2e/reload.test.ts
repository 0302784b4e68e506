import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addQuestion } from '../../src/curate/add-question.ts';
import { GONE } from '../../src/discord/components.ts';
import { decodeCustomId } from '../../src/discord/custom-ids.ts';
import { createEngine } from '../../src/engine/index.ts';
import { gatewayHealth } from '../../src/http/health.ts';
import { type KnowledgeBase, loadKnowledgeBase } from '../../src/knowledge/index.ts';
import {
  hashKnowledgeDir,
  type KnowledgeHolder,
  knowledgeHolder,
  knowledgeStatus,
  type LiveKnowledge,
  startLiveKnowledge,
} from '../../src/reload/index.ts';
import { type Harness, startHarness } from '../helpers/bot-harness.ts';
import { REAL_KB } from '../helpers/kb-fixtures.ts';

type Component = { type: number; custom_id?: string };
const componentsOf = (view: { components: unknown[] }): Component[] =>
  (view.components as { components?: Component[] }[]).flatMap((row) => row.components ?? []);
const idOf = (view: { components: unknown[] }, action: string) =>
  componentsOf(view).find((c) => c.custom_id && decodeCustomId(c.custom_id)?.action === action)
    ?.custom_id as string;

const NEW_QUESTION = 'can oxytocin make my houseplants grow faster';
const REMOVED = 'oxytocin-half-life';

async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  stepMs = 50,
): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return Date.now() - started;
}

describe('live knowledge reload, end to end through the simulator', () => {
  let dir: string;
  let h: Harness;
  let holder: KnowledgeHolder;
  let live: LiveKnowledge;
  const reloads = () => h.logRecords().filter((l) => l.msg === 'knowledge reloaded');
  const ask = (question: string) => h.sim.slash('oxytocin', 'ask', { question });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'oxytocin-live-kb-'));
    cpSync(REAL_KB, dir, { recursive: true });
    const kb = (await loadKnowledgeBase(dir)).kb as KnowledgeBase;
    holder = knowledgeHolder({
      kb,
      engine: createEngine(kb),
      hash: await hashKnowledgeDir(dir),
      loadedAt: new Date(),
    });
    h = await startHarness({ kb, engine: () => holder.current.engine, bot: { knowledge: holder } });
    // The default debounce (1 s), as the bot runs; SIGHUP is tested on its own below.
    live = startLiveKnowledge({ dir, holder, logger: h.bot.context.logger, sighup: false });
  });

  afterAll(async () => {
    live?.stop();
    await h?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a question added on disk is answered within 3 s, without a restart; /healthz shows the new hash', async () => {
    const before = await ask(NEW_QUESTION);
    expect(before.embeds.at(-1)?.title).not.toBe('What is oxytocin?');
    const oldHash = holder.current.hash;
    const health = gatewayHealth(h.bot.client, () => knowledgeStatus(holder));
    expect((health().body.knowledge as { hash: string }).hash).toBe(oldHash);

    expect(await addQuestion(dir, 'what-is-oxytocin', NEW_QUESTION)).toMatchObject({ ok: true });
    const elapsed = await until(
      async () => (await ask(NEW_QUESTION)).embeds.at(-1)?.title === 'What is oxytocin?',
      3000,
    );
    expect(elapsed).toBeLessThan(3000);
    console.info(`reload: the new question was answered ${elapsed} ms after the file was written`);
    const [reloaded] = reloads();
    expect(reloaded).toMatchObject({ reason: 'file change', entries: 100, hash: holder.current.hash });
    expect(reloaded?.buildMs).toEqual(expect.any(Number));
    expect(holder.current.hash).not.toBe(oldHash);
    expect((health().body.knowledge as { hash: string }).hash).toBe(holder.current.hash);
    expect(h.sim.violations()).toEqual([]);
  });

  it('a broken edit is refused: the last good knowledge keeps answering, every problem is logged with its line', async () => {
    const path = join(dir, 'entries/what-is-oxytocin.md');
    const good = readFileSync(path, 'utf8');
    const hash = holder.current.hash;
    try {
      writeFileSync(path, good.replace(/^evidence: .*$/m, 'evidence: very-strong'));
      await until(
        () => h.logRecords().some((l) => String(l.msg).startsWith('knowledge reload refused')),
        3000,
      );
      const problems = h
        .logRecords()
        .filter((l) => typeof l.problem === 'string')
        .map((l) => String(l.msg));
      expect(problems).toContainEqual(
        expect.stringMatching(
          /\/entries\/what-is-oxytocin\.md:\d+: evidence: must be one of: established, mixed, preliminary, animal-only$/,
        ),
      );
      for (const p of problems)
        expect(p).toMatch(new RegExp(`^${dir}/entries/[\\w-]+\\.md:\\d+: [\\w.]+: .+`));
      expect(holder.current.hash).toBe(hash);
      expect((await ask(NEW_QUESTION)).embeds.at(-1)?.title).toBe('What is oxytocin?');
    } finally {
      // Fixed again: the next change is looked at, and the same content as before is the same hash.
      writeFileSync(path, good);
    }
    await until(() => h.logRecords().some((l) => l.msg === 'knowledge unchanged'), 3000);
    expect(holder.current.hash).toBe(hash);
  });

  it('buttons and menus on older messages keep working; one pointing at a removed entry says so politely', async () => {
    const old = await ask('what is the half life of oxytocin');
    expect(old.embeds.at(-1)?.title).toBe('What is the half-life of oxytocin?');
    const count = reloads().length;
    unlinkSync(join(dir, `entries/${REMOVED}.md`));
    await until(() => reloads().length > count, 3000);
    expect(holder.current.kb.entries.some((e) => e.id === REMOVED)).toBe(false);
    const sources = await h.sim.clickButton(old, idOf(old, 'sources'));
    expect(sources.content).toBe(GONE);
    expect(sources.ephemeral).toBe(true);
    const helpful = await h.sim.clickButton(old, idOf(old, 'feedback'));
    expect(helpful.content).toMatch(/^Thanks/);
    const still = await ask('where is oxytocin made?');
    const related = componentsOf(still).find((c) => c.type === 3);
    expect(related).toBeDefined();
    expect(h.sim.violations()).toEqual([]);
  });
});

describe('SIGHUP', () => {
  it('reloads the knowledge base on SIGHUP, with no file watcher involved', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oxytocin-hup-kb-'));
    cpSync(REAL_KB, dir, { recursive: true });
    const kb = (await loadKnowledgeBase(dir)).kb as KnowledgeBase;
    const holder = knowledgeHolder({
      kb,
      engine: createEngine(kb),
      hash: await hashKnowledgeDir(dir),
      loadedAt: new Date(),
    });
    const lines: Record<string, unknown>[] = [];
    const { createLogger } = await import('../../src/logger.ts');
    const { Writable } = await import('node:stream');
    const logger = createLogger({
      level: 'info',
      pretty: false,
      destination: new Writable({
        write(chunk, _e, done) {
          for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
          done();
        },
      }),
    });
    // A watcher that would only fire after a minute: the reload below can only come from the signal.
    const live = startLiveKnowledge({ dir, holder, logger, debounceMs: 60_000 });
    try {
      await addQuestion(dir, 'what-is-oxytocin', NEW_QUESTION);
      process.kill(process.pid, 'SIGHUP');
      await until(() => lines.some((l) => l.msg === 'knowledge reloaded'), 5000);
      expect(lines.find((l) => l.msg === 'knowledge reloaded')).toMatchObject({ reason: 'SIGHUP' });
      expect(holder.current.engine.ask(NEW_QUESTION).answer?.id).toBe('what-is-oxytocin');
    } finally {
      live.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
