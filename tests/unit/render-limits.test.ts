import { describe, expect, it } from 'vitest';
import { renderEntry, renderResult, renderSources } from '../../src/discord/render/answer.ts';
import { renderAbout, renderCategories, renderCategoryPage } from '../../src/discord/render/browse.ts';
import type { Reply } from '../../src/discord/render/reply.ts';
import { citationLabel } from '../../src/engine/answer.ts';
import { createEngine } from '../../src/engine/index.ts';
import { rules } from '../../src/simulator/index.ts';
import { syntheticKb } from '../bench/synthetic-kb.ts';
import { realKb } from '../helpers/bot-harness.ts';

/** Checks a rendered reply with the same validators the simulator applies to what the bot sends. */
function expectWithinLimits(reply: Reply, label: string) {
  const body = { content: reply.content, embeds: reply.embeds, components: reply.components };
  expect(rules.validateMessageBody(body), label).toEqual([]);
}

describe('every rendered reply is within Discord limits', () => {
  it('every entry, its sources, and its private variant', async () => {
    const kb = await realKb();
    for (const entry of kb.entries) {
      expectWithinLimits(renderEntry(entry, kb, { question: 'q'.repeat(6000), shareable: true }), entry.id);
      expectWithinLimits(renderSources(entry, kb), `${entry.id} sources`);
    }
  });

  it('every suggestion list and no-match reply, for every entry title as a question', async () => {
    const kb = await realKb();
    const engine = createEngine(kb);
    const questions = [
      ...kb.entries.map((e) => e.title.slice(0, 12)),
      'oxytocin research',
      'lol',
      '🧠'.repeat(3000),
    ];
    for (const q of questions)
      expectWithinLimits(renderResult(engine.ask(q), kb, { question: q }), q.slice(0, 30));
  });

  it('browsing: categories, every category page, about; and paging past 25 entries', async () => {
    const kb = await realKb();
    expectWithinLimits(renderCategories(kb), 'categories');
    expectWithinLimits(renderAbout(kb, '1.2.3'), 'about');
    for (const c of kb.categories) expectWithinLimits(renderCategoryPage(kb, c.id) as Reply, c.id);

    const big = syntheticKb(kb, 300);
    const category = big.entries[0]?.category as string;
    const inCategory = big.entries.filter((e) => e.category === category).length;
    expect(inCategory).toBeGreaterThan(25);
    const first = renderCategoryPage(big, category, 0) as Reply;
    const last = renderCategoryPage(big, category, 99) as Reply;
    expectWithinLimits(first, 'page 1');
    expectWithinLimits(last, 'last page');
    expect(first.embeds[0]?.footer?.text).toMatch(/^Page 1 of \d+/);
    expect(last.embeds[0]?.footer?.text).toMatch(new RegExp(`^Page ${Math.ceil(inCategory / 25)} of`));
  });
});

describe('citation labels', () => {
  const ref = (authors: string | null, year: number | null = 2020) => ({
    key: 'k',
    authors,
    year,
    title: 't',
    venue: 'Some Journal',
    url: 'https://doi.org/10.1/x',
    verified: 'v',
  });
  it.each([
    ['Kosfeld M, Heinrichs M, Zak PJ', 'Kosfeld et al., 2020'],
    ['Leng G, Ludwig M', 'Leng & Ludwig, 2020'],
    ['Carter CS', 'Carter, 2020'],
    ['du Vigneaud V, et al. (full list not visible)', 'du Vigneaud et al., 2020'],
    ['World Health Organization', 'World Health Organization, 2020'],
    [null, 'Some Journal, 2020'],
  ])('%s -> %s', (authors, label) => {
    expect(citationLabel(ref(authors))).toBe(label);
  });
});
