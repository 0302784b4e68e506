import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.ts';
import type { RecordBatch } from '../../src/store/types.ts';
import { runCliScript } from '../helpers/cli.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';

const GUILD = '123456789012345678';
const ago = (days: number) => new Date(Date.now() - days * 86_400_000);
const asked = (
  question: string,
  status: 'answered' | 'suggestions' | 'no_match',
  suggestionIds: string[] = [],
  daysAgo = 0,
  guildId: string | null = GUILD,
) => ({
  at: ago(daysAgo),
  source: 'slash' as const,
  guildId,
  question,
  status,
  topEntryId: status === 'answered' ? 'where-is-oxytocin-made' : (suggestionIds[0] ?? null),
  confidence: status === 'answered' ? 0.9 : 0.4,
  suggestionIds,
});

const BATCH: RecordBatch = {
  questions: [
    asked('where is oxytocin made', 'answered'),
    asked('where is oxytocin made', 'answered', [], 3),
    asked('oxytocin and behaviour', 'suggestions', ['oxytocin-and-trust', 'where-is-oxytocin-made']),
    asked('Oxytocin and behaviour?', 'suggestions', ['oxytocin-and-trust'], 1),
    asked('who won the world cup', 'no_match', [], 2, null),
    asked('asked long ago', 'no_match', [], 40),
  ],
  feedback: [
    {
      at: ago(0),
      guildId: GUILD,
      entryId: 'where-is-oxytocin-made',
      helpful: false,
      question: 'where is it made',
      confidence: 0.8,
    },
  ],
  picks: [0, 1].map((d) => ({
    at: ago(d),
    guildId: GUILD,
    menu: 'did-you-mean' as const,
    question: 'oxytocin and behaviour',
    entryId: 'oxytocin-and-trust',
  })),
};

/** The report CLI against a seeded store: the JSON contract, the text, --picks and argument errors. */
function reportContract(name: string, env: () => Record<string, string>) {
  describe(`npm run report on ${name}`, () => {
    it('--json prints one object with exactly the documented names', async () => {
      const { code, stdout, stderr } = await runCliScript('src/cli/report.ts', ['--json'], env());
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const report = JSON.parse(stdout);
      expect(Object.keys(report)).toEqual([
        'window',
        'totals',
        'unanswered',
        'feedback',
        'picked',
        'neverReached',
      ]);
      expect(Object.keys(report.window)).toEqual(['from', 'to', 'days']);
      expect(report.window.days).toBe(30);
      expect(report.totals).toEqual({ asked: 5, answered: 2, suggestions: 2, no_match: 1 });
      expect(report.unanswered).toEqual([
        {
          question: expect.stringMatching(/^oxytocin and behaviour\??$/i),
          count: 2,
          lastAsked: expect.any(String),
          suggestions: ['oxytocin-and-trust', 'where-is-oxytocin-made'],
        },
        { question: 'who won the world cup', count: 1, lastAsked: expect.any(String), suggestions: [] },
      ]);
      expect(report.feedback).toEqual([
        { entryId: 'where-is-oxytocin-made', helpful: 0, notHelpful: 1, questions: ['where is it made'] },
      ]);
      expect(report.picked).toEqual([
        { question: 'oxytocin and behaviour', entryId: 'oxytocin-and-trust', count: 2 },
      ]);
      expect(report.neverReached).toEqual(['safety-dosing']);
    });

    it('--days and --guild narrow the window', async () => {
      const { stdout } = await runCliScript(
        'src/cli/report.ts',
        ['--json', '--days', '60', '--guild', GUILD],
        env(),
      );
      expect(JSON.parse(stdout).totals).toEqual({ asked: 5, answered: 2, suggestions: 2, no_match: 1 });
    });

    it('prints the text report with totals, sparklines and every section', async () => {
      const { code, stdout } = await runCliScript('src/cli/report.ts', [], env());
      expect(code).toBe(0);
      expect(stdout).toMatch(
        /^Questions from \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2} \(30 days\), all servers/,
      );
      expect(stdout).toContain('Asked 5 · answered 2 (40.0%) · suggestions 2 · no match 1');
      expect(stdout).toMatch(/asked per day +[·▁▂▃▄▅▆▇█]{30} /);
      expect(stdout).toMatch(/answered share +[·▁▂▃▄▅▆▇█]{30} /);
      for (const heading of [
        'Unanswered questions (2 groups, 3 asked)',
        'Marked Not helpful (1 entries)',
        'Picked from a menu',
        'Entries nobody reached (1 of 3)',
      ])
        expect(stdout).toContain(heading);
    });

    it('--picks prints the kb:add-question commands for picks seen at least --min times', async () => {
      const two = await runCliScript('src/cli/report.ts', ['--picks'], env());
      expect(two.stdout).toContain(
        "npm run kb:add-question -- oxytocin-and-trust 'oxytocin and behaviour'   # picked 2×",
      );
      const three = await runCliScript('src/cli/report.ts', ['--picks', '--min', '3'], env());
      expect(three.stdout).not.toContain('npm run kb:add-question');
    });
  });
}

let dataDir: string;
let postgres: TestPostgres | undefined;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'oxytocin-report-'));
  postgres = await startPostgres();
  for (const settings of [{ dataDir }, { dataDir, databaseUrl: postgres.url }]) {
    const store = await openStore(settings);
    await store.insert(BATCH);
    await store.close();
  }
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

reportContract('SQLite (DATA_DIR)', () => ({ DATA_DIR: dataDir }));
reportContract('PostgreSQL (DATABASE_URL)', () => ({
  DATA_DIR: '/nonexistent',
  DATABASE_URL: postgres?.url ?? '',
}));

describe('npm run report arguments', () => {
  it('refuses a bad argument in one line, with the usage', async () => {
    const { code, stderr } = await runCliScript('src/cli/report.ts', ['--days', 'many'], {
      DATA_DIR: dataDir,
    });
    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toBe('--days must be 1-3650');
    const unknown = await runCliScript('src/cli/report.ts', ['--everything'], { DATA_DIR: dataDir });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Unknown option '--everything'/);
  });
});
