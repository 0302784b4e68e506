import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, createHybridEngine, type HybridEngine } from '../../src/engine/index.ts';
import type { KnowledgeBase } from '../../src/knowledge/types.ts';
import { decodeCache, encodeCache } from '../../src/knowledge-cache/format.ts';
import { CACHE_FILE, knowledgeCache } from '../../src/knowledge-cache/index.ts';
import { realKb } from '../helpers/bot-harness.ts';
import { REAL_KB } from '../helpers/kb-fixtures.ts';
import { captureLogs } from '../helpers/log-capture.ts';

let kb: KnowledgeBase;
let built: HybridEngine;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'oxytocin-cache-'));
  dirs.push(dir);
  return dir;
};

beforeAll(async () => {
  kb = await realKb();
  built = createEngine(kb);
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Every entry's title and questions, lower-cased variants, typos and off-topic questions. */
function questions(): string[] {
  const asWritten = kb.entries.flatMap((e) => [e.title, ...e.questions]);
  return [
    ...asWritten,
    ...asWritten.map((q) => q.toLowerCase().replace(/\?$/, '')),
    'oxytocn made where',
    'does it make you trust people more lol',
    'how much nasal spray should i take',
    'who won the world cup',
    'what does dopamine do',
    '',
  ];
}

const messages = (lines: Record<string, unknown>[]) => lines.map((l) => l.msg);
const warnings = (lines: Record<string, unknown>[]) => lines.filter((l) => l.level === 40);

describe('knowledge cache: the stored engine', () => {
  it('a restored engine answers, ranks and autocompletes exactly like the freshly built one', () => {
    const model = built.trained();
    expect(model.softmax?.terms.length).toBeGreaterThan(500);
    expect(model.index?.phrasingEntry.length).toBeGreaterThan(1000);
    const decoded = decodeCache(encodeCache('k', model), 'k') as ReturnType<HybridEngine['trained']>;
    const restored = createEngine(kb, decoded);
    const all = questions();
    expect(all.length).toBeGreaterThan(2000);
    for (const q of all) expect(restored.ask(q)).toEqual(built.ask(q));
    for (const q of all.slice(0, 500)) expect(restored.signals(q)).toEqual(built.signals(q));
    for (const q of all.slice(0, 300))
      for (const typed of [q.slice(0, 4), q.slice(0, 11)])
        expect(restored.suggest(typed)).toEqual(built.suggest(typed));
  }, 60_000);

  it('builds afresh rather than use parts prepared with other options', () => {
    const other = { k1: 1.6, b: 0.4 };
    const fromOtherParts = createHybridEngine(kb, other, built.trained());
    const fresh = createHybridEngine(kb, other);
    for (const q of questions().slice(0, 400)) expect(fromOtherParts.rank(q)).toEqual(fresh.rank(q));
  }, 60_000);

  it('refuses a softmax model trained on other examples instead of answering with it', () => {
    const model = built.trained();
    if (!model.softmax) throw new Error('the real knowledge base trains a softmax');
    const shifted = { softmax: { ...model.softmax, terms: [...model.softmax.terms].reverse() } };
    expect(() => createEngine(kb, shifted)).toThrow(/trained on other examples/);
  });
});

describe('knowledge cache: the file in DATA_DIR', () => {
  it('prepares and stores once, then restores the same knowledge; changed knowledge is prepared again', async () => {
    const dir = tempDir();
    const knowledge = join(tempDir(), 'knowledge');
    cpSync(REAL_KB, knowledge, { recursive: true });
    const { lines, logger } = captureLogs();
    const cache = knowledgeCache({ dir, logger });
    const first = await cache.load(knowledge);
    const second = await cache.load(knowledge);
    if (!first || !second) throw new Error('the real knowledge base loads');
    expect(messages(lines)).toEqual([
      'knowledge prepared (validated, engine trained)',
      'knowledge restored from the knowledge cache',
    ]);
    expect(second.hash).toBe(first.hash);
    expect(second.kb).toEqual(first.kb);
    expect(second.kb).toEqual(kb);
    for (const q of questions().slice(0, 300)) expect(second.engine.ask(q)).toEqual(first.engine.ask(q));

    const file = join(knowledge, 'entries', `${kb.entries[0]?.id}.md`);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: A changed title'));
    const third = await cache.load(knowledge);
    expect(messages(lines).at(-1)).toBe('knowledge prepared (validated, engine trained)');
    expect(third?.hash).not.toBe(first.hash);
    expect(third?.kb.entries[0]?.title).toBe('A changed title');
    expect(readFileSync(join(dir, CACHE_FILE)).toString('utf8')).toContain(`"key":"${third?.hash}:`);
    expect(warnings(lines)).toEqual([]);
  }, 60_000);

  it('ignores a corrupt or unreadable file, logging it once, and prepares instead', async () => {
    const dir = tempDir();
    const { lines, logger } = captureLogs();
    const cache = knowledgeCache({ dir, logger });
    await cache.load(REAL_KB);
    const file = join(dir, CACHE_FILE);
    const bytes = readFileSync(file);
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] as number) ^ 0xff; // one weight damaged
    writeFileSync(file, bytes);
    const loaded = await cache.load(REAL_KB);
    expect(loaded?.engine.ask('where is oxytocin made?')).toEqual(built.ask('where is oxytocin made?'));
    writeFileSync(file, bytes.subarray(0, 100)); // cut short
    await cache.load(REAL_KB);
    expect(warnings(lines).map((l) => [l.msg, l.reason])).toEqual([
      ['knowledge cache ignored: preparing again', 'truncated or corrupt'],
    ]);
    // Prepared again, it was stored again, whole: the next start restores it.
    await cache.load(REAL_KB);
    expect(messages(lines).at(-1)).toBe('knowledge restored from the knowledge cache');

    const unreadable = tempDir();
    mkdirSync(join(unreadable, CACHE_FILE)); // a directory where the file should be
    const logs = captureLogs();
    const fallback = await knowledgeCache({ dir: unreadable, logger: logs.logger }).load(REAL_KB);
    expect(fallback?.engine.ask('what is oxytocin?').status).toBe('answered');
    expect(warnings(logs.lines).map((l) => l.msg)).toEqual([
      'knowledge cache unreadable: preparing the knowledge instead',
      'could not store the knowledge cache (the next start prepares again)',
    ]);
  }, 60_000);

  it('a reload builds the engine for the new knowledge and stores it for the next start', async () => {
    const dir = tempDir();
    const { lines, logger } = captureLogs();
    const cache = knowledgeCache({ dir, logger });
    const engine = await cache.build(kb, 'reloaded-hash');
    expect(engine.ask('where is oxytocin made?')).toEqual(built.ask('where is oxytocin made?'));
    expect(readFileSync(join(dir, CACHE_FILE)).toString('utf8')).toContain('"key":"reloaded-hash:');
    const again = await cache.build(kb, 'reloaded-hash');
    expect(again.ask('oxytocn made where')).toEqual(built.ask('oxytocn made where'));
    expect(warnings(lines)).toEqual([]);
  }, 60_000);
});
