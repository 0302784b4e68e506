import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadKnowledgeBase } from '../../src/knowledge/index.ts';
import { brokenKb, VALID_KB } from '../helpers/kb-fixtures.ts';

describe('knowledge validator', () => {
  it('accepts the valid fixture and loads every part', async () => {
    const { kb, problems } = await loadKnowledgeBase(VALID_KB);
    expect(problems).toEqual([]);
    expect(kb?.entries.map((e) => e.id).sort()).toEqual([
      'oxytocin-and-trust',
      'safety-dosing',
      'where-is-oxytocin-made',
    ]);
    expect(kb?.references.size).toBe(3);
    expect(kb?.categories.map((c) => c.id)).toEqual(['basics', 'social', 'safety']);
    expect(kb?.synonyms[1]).toEqual(['dose', 'dosage', 'how much']);
    expect(kb?.entries.find((e) => e.id === 'oxytocin-and-trust')?.reviewed).toBe('2026-11-26');
    expect(kb?.entries.find((e) => e.id === 'oxytocin-and-trust')?.training).toHaveLength(2);
    expect(kb?.entries.find((e) => e.id === 'safety-dosing')?.training).toEqual([]);
  });

  // Each broken fixture breaks one rule; the validator must name the file, the line and the field.
  const cases: [rule: string, file: string, field: string, message: RegExp, line?: number][] = [
    ['yaml-syntax', 'entries/oxytocin-and-trust.md', 'yaml', /YAML syntax error/, 10],
    ['missing-field', 'entries/oxytocin-and-trust.md', 'evidence', /must be one of/],
    ['bad-evidence', 'entries/oxytocin-and-trust.md', 'evidence', /must be one of: established, mixed/, 9],
    [
      'id-mismatch',
      'entries/oxytocin-and-trust.md',
      'id',
      /must equal the file name "oxytocin-and-trust"/,
      2,
    ],
    [
      'duplicate-id',
      'entries/trust-copy.md',
      'id',
      /duplicate id: also used by entries\/oxytocin-and-trust.md/,
      2,
    ],
    [
      'unknown-citation',
      'entries/oxytocin-and-trust.md',
      'citations.1',
      /unknown reference key "smith1999"/,
      10,
    ],
    ['marker-without-citation', 'entries/oxytocin-and-trust.md', 'body', /marker \[3\] has no citation/, 14],
    ['citation-without-marker', 'entries/oxytocin-and-trust.md', 'citations.1', /no \[2\] marker/, 10],
    [
      'unknown-related',
      'entries/oxytocin-and-trust.md',
      'related.1',
      /no entry has the id "oxytocin-and-unicorns"/,
      11,
    ],
    [
      'duplicate-question',
      'entries/where-is-oxytocin-made.md',
      'questions.0',
      /also a question of entries\/oxytocin-and-trust.md/,
      6,
    ],
    ['title-too-long', 'entries/oxytocin-and-trust.md', 'title', /at most 100 characters/, 3],
    ['body-too-short', 'entries/oxytocin-and-trust.md', 'body', /250-1200 characters \(is 18\)/, 14],
    ['body-too-long', 'entries/oxytocin-and-trust.md', 'body', /250-1200 characters/, 14],
    ['unknown-category', 'entries/oxytocin-and-trust.md', 'category', /unknown category "gossip"/, 4],
    ['uncited-reference', 'references.yaml', 'extra2020', /not cited by any entry/],
    ['too-few-questions', 'entries/oxytocin-and-trust.md', 'questions', /at least 3 alternate questions/, 6],
    [
      'safety-one-citation',
      'entries/safety-dosing.md',
      'citations',
      /safety entries need at least 2 citations/,
      10,
    ],
    [
      'safety-no-urgent',
      'entries/safety-dosing.md',
      'urgent',
      /safety entries need an "urgent" line: what to do if it is happening now/,
      4,
    ],
    ['promotional', 'entries/oxytocin-and-trust.md', 'body', /promotional wording/],
    [
      'mixed-one-citation',
      'entries/oxytocin-and-trust.md',
      'citations',
      /"mixed" entry cites at least 2/,
      10,
    ],
    [
      'api-reference-url',
      'references.yaml',
      'kosfeld2005.url',
      /not an API endpoint or a raw JSON\/XML file/,
    ],
    ['bad-date', 'entries/oxytocin-and-trust.md', 'reviewed', /YYYY-MM-DD/, 12],
    ['bad-reference', 'references.yaml', 'kosfeld2005.url', /http\(s\) URL/, 15],
    ['bad-reference', 'references.yaml', 'kosfeld2005.verified', /expected string/],
    ['no-front-matter', 'entries/oxytocin-and-trust.md', 'front matter', /must start with a --- line/, 1],
    ['unknown-field', 'entries/oxytocin-and-trust.md', 'fields', /unknown field\(s\): mood/],
    ['training-too-long', 'training/oxytocin-and-trust.yaml', '1', /at most 300 characters/, 2],
    [
      'training-duplicate',
      'training/where-is-oxytocin-made.yaml',
      '1',
      /also a question of entries\/oxytocin-and-trust.md/,
      2,
    ],
  ];

  it.each(cases)('%s: reports %s %s', async (rule, file, field, message, line) => {
    const { kb, problems } = await loadKnowledgeBase(brokenKb(rule));
    expect(kb).toBeUndefined();
    const problem = problems.find((p) => p.file === file && p.field === field && message.test(p.message));
    expect(problem, `problems were:\n${problems.map(formatProblem).join('\n')}`).toBeDefined();
    if (line !== undefined) expect(problem?.line).toBe(line);
  });

  it('loads with a warning, not a refusal, when a training file has no entry (removed or misnamed)', async () => {
    const { kb, problems, warnings } = await loadKnowledgeBase(brokenKb('training-unknown-entry'));
    expect(problems).toEqual([]);
    expect(kb?.entries).toHaveLength(3);
    expect(warnings.map(formatProblem)).toEqual([
      expect.stringMatching(
        /^training\/oxytocin-and-unicorns.yaml: file: no entry has the id "oxytocin-and-unicorns"/,
      ),
    ]);
  });

  it('reports every problem in every file, not only the first', async () => {
    const dir = brokenKb('unknown-category');
    cpSync(join(import.meta.dirname, '../fixtures/kb-broken/uncited-reference'), dir, { recursive: true });
    cpSync(join(import.meta.dirname, '../fixtures/kb-broken/safety-one-citation'), dir, { recursive: true });
    const { problems } = await loadKnowledgeBase(dir);
    expect(problems.map((p) => `${p.file} ${p.field}`)).toEqual(
      expect.arrayContaining([
        'entries/oxytocin-and-trust.md category',
        'entries/safety-dosing.md citations',
        'references.yaml extra2020',
      ]),
    );
  });

  it('formats a problem as path:line: field: message', () => {
    expect(formatProblem({ file: 'entries/a.md', line: 3, field: 'title', message: 'too long' })).toBe(
      'entries/a.md:3: title: too long',
    );
    expect(formatProblem({ file: 'references.yaml', field: 'x', message: 'unused' })).toBe(
      'references.yaml: x: unused',
    );
  });
});
