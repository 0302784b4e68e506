import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatProblem, type KnowledgeBase, loadKnowledgeBase } from '../../src/knowledge/index.ts';
import { REAL_KB } from '../helpers/kb-fixtures.ts';

/** Editorial rules for the real knowledge base, stricter than the validator's minimums. */
describe('the knowledge base content', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    const result = await loadKnowledgeBase(REAL_KB);
    expect(result.problems.map(formatProblem)).toEqual([]);
    kb = result.kb as KnowledgeBase;
  });

  it('has at least 80 entries in every category', () => {
    expect(kb.entries.length).toBeGreaterThanOrEqual(80);
    for (const c of kb.categories)
      expect(
        kb.entries.some((e) => e.category === c.id),
        c.id,
      ).toBe(true);
  });

  it('gives every entry >= 5 alternate questions, 2-4 related entries and a 250-1,200 character answer', () => {
    for (const e of kb.entries) {
      expect(e.questions.length, e.id).toBeGreaterThanOrEqual(5);
      expect(e.related.length, e.id).toBeGreaterThanOrEqual(2);
      expect(e.related.length, e.id).toBeLessThanOrEqual(4);
      expect(e.body.length, e.id).toBeGreaterThanOrEqual(250);
      expect(e.body.length, e.id).toBeLessThanOrEqual(1200);
    }
  });

  it('cites every reference at least once and links each to a DOI, PubMed or official page', () => {
    const cited = new Set(kb.entries.flatMap((e) => e.citations));
    for (const [key, ref] of kb.references) {
      expect(cited.has(key), key).toBe(true);
      if (ref.doi) expect(ref.url, key).toBe(`https://doi.org/${ref.doi}`);
      else if (ref.pmid) expect(ref.url, key).toBe(`https://pubmed.ncbi.nlm.nih.gov/${ref.pmid}/`);
      expect(ref.verified.length, key).toBeGreaterThan(10);
    }
  });

  it('keeps the checked record of every reference: its verified note and its identifiers', () => {
    // A copy of the checked bibliography (../shared/oxytocin-references.json), so CI needs nothing outside the repo.
    const checked = new Map(
      (
        JSON.parse(
          readFileSync(join(import.meta.dirname, '../fixtures/checked-references.json'), 'utf8'),
        ) as {
          key: string;
          verified: string;
          doi: string | null;
          pmid: string | null;
        }[]
      ).map((r) => [r.key, r]),
    );
    for (const [key, ref] of kb.references) {
      const record = checked.get(key);
      expect(record, `${key} is not a checked record`).toBeDefined();
      expect(ref.verified, key).toBe(record?.verified);
      expect(ref.doi ?? null, key).toBe(record?.doi ?? null);
      expect(ref.pmid ?? null, key).toBe(record?.pmid ?? null);
    }
  });

  it('cites at least two sources in every entry whose evidence is mixed', () => {
    for (const e of kb.entries.filter((x) => x.evidence === 'mixed'))
      expect(e.citations.length, e.id).toBeGreaterThanOrEqual(2);
  });

  it('never gives a dose', () => {
    // "500 ml of blood" (the definition of a haemorrhage) is a measurement, not a dose.
    const dose =
      /\b\d+(\.\d+)?\s?(mg|mcg|µg|micrograms|iu|international units|units|ml(?! of blood)|sprays|puffs)\b/i;
    for (const e of kb.entries) {
      expect(e.body, e.id).not.toMatch(dose);
    }
  });

  it('sends every safety answer to a clinician and says it is not medical advice', () => {
    const safety = kb.entries.filter((e) => e.category === 'safety');
    expect(safety.length).toBeGreaterThanOrEqual(8);
    for (const e of safety) {
      expect(e.body.toLowerCase(), e.id).toMatch(/not medical advice/);
      expect(e.body.toLowerCase(), e.id).toMatch(/doctor|midwife|pharmacist|clinician/);
    }
  });

  it('has an about text with a disclaimer', () => {
    expect(kb.about.toLowerCase()).toMatch(/not medical advice/);
  });
});
