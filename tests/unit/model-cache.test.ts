import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type HybridEngine } from '../../src/engine/index.ts';
import type { KnowledgeBase } from '../../src/knowledge/types.ts';
import { decodeModel, encodeModel } from '../../src/model-cache/format.ts';
import { MODEL_FILE, modelCache } from '../../src/model-cache/index.ts';
import { realKb } from '../helpers/bot-harness.ts';
import { captureLogs } from '../helpers/log-capture.ts';

let kb: KnowledgeBase;
let trained: HybridEngine;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'oxytocin-model-'));
  dirs.push(dir);
  return dir;
};

beforeAll(async () => {
  kb = await realKb();
  trained = createEngine(kb);
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

describe('engine model cache', () => {
  it('a restored model answers exactly like the freshly trained one', () => {
    const model = trained.trained();
    expect(model.softmax?.terms.length).toBeGreaterThan(500);
    const restored = createEngine(kb, decodeModel(encodeModel('k', model), 'k'));
    const all = questions();
    expect(all.length).toBeGreaterThan(2000);
    for (const q of all) expect(restored.ask(q)).toEqual(trained.ask(q));
    for (const q of all.slice(0, 500)) expect(restored.signals(q)).toEqual(trained.signals(q));
  }, 60_000);

  it('refuses a model trained on other examples instead of answering with it', () => {
    const model = trained.trained();
    if (!model.softmax) throw new Error('the real knowledge base trains a softmax');
    const shifted = { softmax: { ...model.softmax, terms: [...model.softmax.terms].reverse() } };
    expect(() => createEngine(kb, shifted)).toThrow(/trained on other examples/);
  });

  it('trains and stores once, then builds from the stored model; other knowledge trains again', async () => {
    const dir = tempDir();
    const { lines, logger } = captureLogs();
    const cache = modelCache({ dir, logger });
    const first = await cache.build(kb, 'hash-a');
    const second = await cache.build(kb, 'hash-a');
    expect(lines.map((l) => l.msg)).toEqual(['engine trained', 'engine built from the stored model']);
    for (const q of questions().slice(0, 300)) expect(second.ask(q)).toEqual(first.ask(q));

    await cache.build(kb, 'hash-b');
    expect(lines.map((l) => l.msg).at(-1)).toBe('engine trained');
    expect(readFileSync(join(dir, MODEL_FILE)).toString('utf8')).toContain('"key":"hash-b:');
    expect(lines.filter((l) => l.level === 40)).toEqual([]);
  });

  it('ignores a corrupt or unreadable file, logging it once, and trains instead', async () => {
    const dir = tempDir();
    const { lines, logger } = captureLogs();
    const cache = modelCache({ dir, logger });
    await cache.build(kb, 'hash-a');
    const file = join(dir, MODEL_FILE);
    const bytes = readFileSync(file);
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] as number) ^ 0xff; // one weight damaged
    writeFileSync(file, bytes);
    const engine = await cache.build(kb, 'hash-a');
    expect(engine.ask('where is oxytocin made?')).toEqual(trained.ask('where is oxytocin made?'));
    writeFileSync(file, bytes.subarray(0, 100)); // cut short
    await cache.build(kb, 'hash-a');
    const warnings = lines.filter((l) => l.level === 40);
    expect(warnings.map((l) => [l.msg, l.reason])).toEqual([
      ['stored engine model ignored: training instead', 'weights truncated or corrupt'],
    ]);
    // After training again it was stored again, whole: the next build uses it.
    await cache.build(kb, 'hash-a');
    expect(lines.map((l) => l.msg).at(-1)).toBe('engine built from the stored model');

    const unreadable = tempDir();
    mkdirSync(join(unreadable, MODEL_FILE)); // a directory where the file should be
    const logs = captureLogs();
    const built = await modelCache({ dir: unreadable, logger: logs.logger }).build(kb, 'hash-a');
    expect(built.ask('what is oxytocin?').status).toBe('answered');
    expect(logs.lines.filter((l) => l.level === 40).map((l) => l.msg)).toEqual([
      'stored engine model unreadable: training instead',
      'could not store the engine model (the next start trains again)',
    ]);
  });
});
