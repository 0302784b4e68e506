import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { privacySentence } from '../../src/discord/render/privacy.ts';

describe('the privacy sentence', () => {
  it('says what is kept, for how long, and that nobody is identified', () => {
    expect(privacySentence({ recordQuestions: 'all', retentionDays: 90 })).toBe(
      'To improve its answers, this bot keeps the questions asked, the Helpful / Not helpful clicks and the suggestions picked, with the server they came from, for 90 days; it never stores who asked, so nobody is identified.',
    );
    expect(privacySentence({ recordQuestions: 'unanswered', retentionDays: 30 })).toMatch(
      /keeps the questions it could not answer, .* for 30 days; .*nobody is identified\.$/,
    );
    expect(privacySentence({ recordQuestions: 'off', retentionDays: 90 })).toBe(
      'This bot keeps no record of the questions asked.',
    );
  });

  it('is the sentence the README gives for the defaults', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
    expect(readme).toContain(privacySentence({ recordQuestions: 'all', retentionDays: 90 }));
  });
});
