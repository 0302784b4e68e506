import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertQuestion } from '../../src/curate/insert-question.ts';
import { loadKnowledgeBase } from '../../src/knowledge/index.ts';
import { runCliScript } from '../helpers/cli.ts';
import { VALID_KB } from '../helpers/kb-fixtures.ts';

const TRUST = 'entries/oxytocin-and-trust.md';

function copyKb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kb-add-'));
  cpSync(VALID_KB, dir, { recursive: true });
  return dir;
}

describe('insertQuestion keeps the file as written', () => {
  const original = readFileSync(join(VALID_KB, TRUST), 'utf8');

  it('adds one line after the last item of a block list, same indentation, nothing else changed', () => {
    const edited = insertQuestion(original, 'is oxytocin why I trust my dog') as string;
    const added = edited.split('\n').filter((l) => !original.split('\n').includes(l));
    expect(added).toEqual(['  - is oxytocin why I trust my dog']);
    expect(edited.replace('  - is oxytocin why I trust my dog\n', '')).toBe(original);
  });

  it('quotes a question YAML would misread, and appends to a flow list', () => {
    expect(insertQuestion(original, 'trust: is it real? #science')).toContain(
      '  - "trust: is it real? #science"\n',
    );
    const flow = original.replace(
      /questions:\n(?: {2}- .*\n)+/,
      'questions: [does the cuddle hormone make you trust people, oxytocin trust game study]\n',
    );
    expect(insertQuestion(flow, "it's a trust thing")).toContain(
      `questions: [does the cuddle hormone make you trust people, oxytocin trust game study, "it's a trust thing"]\n`,
    );
  });

  it('keeps CRLF line endings and a byte-order mark', () => {
    const windows = `\uFEFF${original.replace(/\n/g, '\r\n')}`;
    const edited = insertQuestion(windows, 'trust and oxytocin again') as string;
    expect(edited.startsWith('\uFEFF---\r\n')).toBe(true);
    expect(edited).toContain('\r\n  - trust and oxytocin again\r\n');
    expect(edited.replace(/\r\n/g, '')).not.toContain('\n');
  });
});

describe('npm run kb:add-question', () => {
  it('appends the question in KNOWLEDGE_DIR, validates, and the entry then has it', async () => {
    const dir = copyKb();
    const { code, stdout, stderr } = await runCliScript(
      'src/cli/kb-add-question.ts',
      ['oxytocin-and-trust', 'is oxytocin why I trust my dog'],
      { KNOWLEDGE_DIR: dir },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(`Added to ${TRUST} (4 questions). Knowledge base OK.`);
    const { kb } = await loadKnowledgeBase(dir);
    expect(kb?.entries.find((e) => e.id === 'oxytocin-and-trust')?.questions.at(-1)).toBe(
      'is oxytocin why I trust my dog',
    );
  });

  it('refuses an unknown id, and a question an entry already has, in one line with exit 1', async () => {
    const dir = copyKb();
    const before = readFileSync(join(dir, TRUST), 'utf8');
    const unknown = await runCliScript('src/cli/kb-add-question.ts', ['no-such-entry', 'a new question'], {
      KNOWLEDGE_DIR: dir,
    });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(`No entry has the id "no-such-entry" in ${dir}.\n`);
    const known = await runCliScript(
      'src/cli/kb-add-question.ts',
      ['where-is-oxytocin-made', 'Oxytocin trust-game study?'],
      { KNOWLEDGE_DIR: dir },
    );
    expect(known.code).toBe(1);
    expect(known.stderr).toBe(`"Oxytocin trust-game study?" is already a question of ${TRUST}.\n`);
    expect(readFileSync(join(dir, TRUST), 'utf8')).toBe(before);
  });

  it('refuses a question outside the limits, and a knowledge base that is already broken', async () => {
    const dir = copyKb();
    const path = join(dir, TRUST);
    const before = readFileSync(path, 'utf8');
    const long = await runCliScript('src/cli/kb-add-question.ts', ['oxytocin-and-trust', 'x'.repeat(101)], {
      KNOWLEDGE_DIR: dir,
    });
    expect(long.code).toBe(1);
    expect(long.stderr).toBe('The question must be 3-100 characters (is 101).\n');
    expect(readFileSync(path, 'utf8')).toBe(before);
    writeFileSync(path, before.replace('category: social', 'category: nowhere'));
    const broken = await runCliScript(
      'src/cli/kb-add-question.ts',
      ['oxytocin-and-trust', 'a fine question'],
      {
        KNOWLEDGE_DIR: dir,
      },
    );
    expect(broken.code).toBe(1);
    expect(broken.stderr.split('\n')[0]).toMatch(/already has 1 problem\(s\); fix them first/);
  });
});
