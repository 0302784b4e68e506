import { describe, expect, it } from 'vitest';
import { runCliScript } from '../helpers/cli.ts';
import { brokenKb } from '../helpers/kb-fixtures.ts';

/** Runs a CLI entry point as a user would, with a clean environment (no .env token leaks in). */
const cli = runCliScript;

function expectContract(result: unknown, query: string) {
  expect(result).toMatchObject({ query, status: expect.stringMatching(/^(answered|suggestions|no_match)$/) });
  const r = result as Record<string, unknown>;
  expect(Object.keys(r).sort()).toEqual(['answer', 'confidence', 'query', 'status', 'suggestions']);
  expect(r.confidence).toBeGreaterThanOrEqual(0);
  expect(r.confidence).toBeLessThanOrEqual(1);
  expect(Array.isArray(r.suggestions)).toBe(true);
}

describe('ask CLI', () => {
  it('--json prints exactly one JSON object for a question', async () => {
    const { code, stdout } = await cli('src/cli/ask.ts', ['--json', 'oxytocin trust game study']);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const result = JSON.parse(stdout);
    expectContract(result, 'oxytocin trust game study');
    expect(result.status).toBe('answered');
    expect(Object.keys(result.answer).sort()).toEqual([
      'category',
      'citations',
      'evidence',
      'id',
      'text',
      'title',
      'urgent',
    ]);
    expect(result.answer).toMatchObject({
      id: 'oxytocin-and-trust',
      evidence: 'mixed',
      category: 'social',
      urgent: null,
    });
    expect(result.answer.citations).toEqual([
      { key: 'kosfeld2005', label: 'Kosfeld et al., 2005', url: 'https://doi.org/10.1038/nature03701' },
      {
        key: 'declerck2020',
        label: 'Declerck et al., 2020',
        url: 'https://doi.org/10.1038/s41562-020-0878-x',
      },
    ]);
  });

  it('--json without a question reads stdin and prints JSON Lines in order', async () => {
    const questions = ['oxytocin trust game study', '', 'what gland releases oxytocin', 'lol'];
    const { code, stdout } = await cli('src/cli/ask.ts', ['--json'], {}, `${questions.join('\n')}\n`);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(questions.length);
    for (const [i, line] of lines.entries()) expectContract(JSON.parse(line), questions[i] as string);
    expect(JSON.parse(lines[1] as string).status).toBe('no_match');
    expect(JSON.parse(lines[2] as string).answer?.id).toBe('where-is-oxytocin-made');
  });

  it('prints a readable answer with evidence and numbered citations', async () => {
    const { code, stdout } = await cli('src/cli/ask.ts', ['what gland releases oxytocin']);
    expect(code).toBe(0);
    expect(stdout).toContain('Where is oxytocin made?');
    expect(stdout).toContain('Evidence: established');
    expect(stdout).toContain('[1] Gimpl & Fahrenholz, 2001: https://doi.org/10.1152/physrev.2001.81.2.629');
  });

  it('refuses to answer from a broken knowledge base', async () => {
    const { code, stdout, stderr } = await cli('src/cli/ask.ts', ['--json', 'x'], {
      KNOWLEDGE_DIR: brokenKb('bad-evidence'),
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('entries/oxytocin-and-trust.md:9: evidence:');
  });
});

describe('kb:check CLI', () => {
  it('prints counts on success', async () => {
    const { code, stdout } = await cli('src/cli/kb-check.ts', []);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'Knowledge base OK: 3 entries, 9 questions, 2 training phrasings, 3 references, 3 categories.',
    );
  });

  it('lists every problem as path:line: field: message and exits 1, without a stack trace', async () => {
    const dir = brokenKb('duplicate-question');
    const { code, stderr } = await cli('src/cli/kb-check.ts', [], { KNOWLEDGE_DIR: dir });
    expect(code).toBe(1);
    expect(stderr).toMatch(/entries\/where-is-oxytocin-made\.md:6: questions\.0: ".*" is also a question of/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('npm start', () => {
  it('with an invalid knowledge base lists every problem and exits 1 before logging in', async () => {
    const { code, stdout, stderr } = await cli('src/main.ts', [], {
      DISCORD_TOKEN: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB',
      // Nothing listens here: if the bot tried to log in, the failure would say so.
      DISCORD_API_BASE: 'http://127.0.0.1:9/api',
      KNOWLEDGE_DIR: brokenKb('unknown-related'),
    });
    expect(code).toBe(1);
    expect(stderr).toContain(
      'entries/oxytocin-and-trust.md:11: related.1: no entry has the id "oxytocin-and-unicorns"',
    );
    expect(stderr).toMatch(
      /Not starting: the knowledge base .* has 1 problem\(s\); npm run kb:check lists them\./,
    );
    expect(stdout).not.toMatch(/login|ready/);
  });

  it('without a token exits 1 with one clear line', async () => {
    const { code, stdout, stderr } = await cli('src/main.ts', []);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^DISCORD_TOKEN is not set: copy \.env\.example/);
  });
});
