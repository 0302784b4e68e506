import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/knowledge/index.ts';
import type { KnowledgeBase } from '../../src/knowledge/types.ts';
import { groupUnanswered } from '../../src/report/group.ts';
import { picksCommands } from '../../src/report/picks.ts';
import { sparkline } from '../../src/report/sparkline.ts';
import { shellQuote, terminalText } from '../../src/report/terminal-text.ts';
import type { UnansweredRow } from '../../src/store/types.ts';
import { VALID_KB } from '../helpers/kb-fixtures.ts';

const row = (question: string, suggestionIds: string[], day = 1): UnansweredRow => ({
  question,
  at: new Date(Date.UTC(2026, 10, day)),
  status: suggestionIds.length > 0 ? 'suggestions' : 'no_match',
  topEntryId: suggestionIds[0] ?? null,
  suggestionIds,
});

describe('grouping unanswered questions', () => {
  it('puts the same normalised text together, and near-duplicates under the same best guess', () => {
    const { groups, variants } = groupUnanswered([
      row('oxytocin and behaviour', ['a', 'b']),
      row('Oxytocin and behaviour?', ['a'], 3),
      row('oxytocin and behaviour', ['a']),
      row('oxytocin and behaviour in men', ['a']),
      row('Oxytocin and behavior', ['a']), // spelt differently: one edit apart, same group
      row('oxytocin and behaviour in men', ['z']), // same text: grouped first, whatever the guess
      row('oxytocin and behaviour', ['q']), // same text as the first
      row('oxytocin and behaviour in women and men', ['z']), // near, but its best guess differs
      row('who won the world cup', []),
      row('who won the world cup 2022', []),
      row('pizza recipe', []),
    ]);
    expect(groups).toEqual([
      {
        question: 'oxytocin and behaviour',
        count: 7,
        lastAsked: '2026-11-03T00:00:00.000Z',
        suggestions: ['a', 'b', 'q', 'z'],
      },
      { question: 'who won the world cup', count: 2, lastAsked: '2026-11-01T00:00:00.000Z', suggestions: [] },
      {
        question: 'oxytocin and behaviour in women and men',
        count: 1,
        lastAsked: '2026-11-01T00:00:00.000Z',
        suggestions: ['z'],
      },
      { question: 'pizza recipe', count: 1, lastAsked: '2026-11-01T00:00:00.000Z', suggestions: [] },
    ]);
    expect(variants[0]).toEqual([
      'oxytocin and behaviour in men',
      'Oxytocin and behaviour?',
      'Oxytocin and behavior',
    ]); // most frequent first
    expect(variants[1]).toEqual(['who won the world cup 2022']);
  });
});

describe('sparklines', () => {
  it('scales to the largest value, or to a given maximum; no data shows as a dot', () => {
    expect(sparkline([0, 1, 2, 4, 8])).toBe('▁▂▃▅█');
    expect(sparkline([undefined, 0, 0.5, 1], 1)).toBe('·▁▅█');
    expect(sparkline([0, 0])).toBe('▁▁');
  });
});

describe('--picks', () => {
  it('prints a kb:add-question command per pick seen often enough, quoted for the shell, skipping known questions', async () => {
    const kb = (await loadKnowledgeBase(VALID_KB)).kb as KnowledgeBase;
    const out = picksCommands(
      [
        { question: "is oxytocin why I trust my friend's dog", entryId: 'oxytocin-and-trust', count: 3 },
        { question: 'oxytocin trust game study', entryId: 'oxytocin-and-trust', count: 5 }, // already a question
        { question: 'where is it made', entryId: 'where-is-oxytocin-made', count: 1 }, // below --min
        { question: 'gone', entryId: 'removed-entry', count: 4 },
      ],
      kb,
      2,
    );
    expect(out.split('\n')).toEqual([
      '# 1 pick seen at least 2 times (2 left out: question already known, or entry gone).',
      '# Review each one: does the question really ask what the entry answers? Then run it.',
      `npm run kb:add-question -- oxytocin-and-trust 'is oxytocin why I trust my friend'\\''s dog'   # picked 3×`,
    ]);
  });

  it('makes user text harmless on a terminal and in a shell', () => {
    expect(terminalText('a\u001b[2Jb\u202ec\nd')).toBe('a [2Jb c d');
    expect(shellQuote("$(rm -rf /) it's")).toBe(`'$(rm -rf /) it'\\''s'`);
  });
});
