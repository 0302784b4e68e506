import { beforeAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/engine/analyzer.ts';
import { buildCorrector, createHybridEngine, withoutExclusions } from '../../src/engine/hybrid.ts';
import { createEngine } from '../../src/engine/index.ts';
import { medicalAdviceIntent } from '../../src/engine/intent.ts';
import { SoftmaxClassifier } from '../../src/engine/softmax.ts';
import type { Engine } from '../../src/engine/types.ts';
import { damerauLevenshtein, TypoCorrector } from '../../src/engine/typo.ts';
import { type Entry, type KnowledgeBase, loadKnowledgeBase } from '../../src/knowledge/index.ts';
import { REAL_KB } from '../helpers/kb-fixtures.ts';

let kb: KnowledgeBase;
let engine: Engine;
beforeAll(async () => {
  kb = (await loadKnowledgeBase(REAL_KB)).kb as KnowledgeBase;
  engine = createEngine(kb);
});

const statuses = new Set(['answered', 'suggestions', 'no_match']);

describe('engine: answers', () => {
  it.each([
    ['where is oxytocin made', 'where-is-oxytocin-made'],
    ['oxytocn made where', 'where-is-oxytocin-made'],
    ['how much oxytocin should i take', 'safety-dosing'],
    ['can i buy pitocin online', 'safety-buying-online'],
    ['does hugging release oxytocin', 'oxytocin-touch-hugging'],
  ])('answers "%s" with %s', (q, id) => {
    const r = engine.ask(q);
    expect(r.status).toBe('answered');
    expect(r.answer?.id).toBe(id);
    expect(r.answer?.citations.length).toBeGreaterThan(0);
  });

  it.each([
    'lol',
    'hi',
    'thanks bot',
    '?',
    'asdkjh qwe zzxv',
    'is dopamine the pleasure chemical',
    'what does cortisol do to sleep',
    'does thyroid hormone affect weight',
    'who won the world cup',
  ])('does not answer "%s"', (q) => {
    expect(engine.ask(q).status).not.toBe('answered');
  });

  it('keeps oxytocin questions that name another hormone in scope', () => {
    expect(engine.ask('oxytocin vs dopamine').answer?.id).toBe('oxytocin-and-dopamine');
  });
});

describe('engine: any input is safe', () => {
  const weird = [
    '',
    '   \n\t ',
    'a'.repeat(6000),
    'oxytocin '.repeat(700),
    '🧠💕🤗'.repeat(300),
    'окситоцин что это',
    '催产素是什么',
    '\u0000\u0001\u200b\u202e oxytocin',
    '\ud800 lone surrogate',
    '```js\nconsole.log("oxytocin")\n```',
    '<@123456789012345678> <@&123456789012345678> @everyone where is oxytocin made',
    '**bold** _it_ ~~s~~ [link](https://example.com) oxytocin',
  ];
  it.each(weird.map((w) => [JSON.stringify(w).slice(0, 40), w]))('handles %s', (_label, q) => {
    const r = engine.ask(q);
    expect(statuses.has(r.status)).toBe(true);
    expect(r.query).toBe(q);
    expect(r.confidence).toBeGreaterThanOrEqual(0);
    expect(r.confidence).toBeLessThanOrEqual(1);
    if (r.status === 'answered') expect(r.answer).not.toBeNull();
    else expect(r.answer).toBeNull();
    if (r.status === 'suggestions') {
      expect(r.suggestions.length).toBeGreaterThanOrEqual(2);
      expect(r.suggestions.length).toBeLessThanOrEqual(5);
    }
  });

  it('treats non-strings as empty questions', () => {
    expect(engine.ask(undefined as unknown as string).status).toBe('no_match');
  });

  it('takes time roughly linear in the length of the question', () => {
    const time = (q: string) => {
      const start = performance.now();
      for (let i = 0; i < 5; i++) engine.ask(q);
      return performance.now() - start;
    };
    time('warm up oxytocin');
    const short = time('where is oxytocin made and does it help trust '.repeat(10));
    const long = time('where is oxytocin made and does it help trust '.repeat(130));
    // 13x the text; allow generous noise but catch quadratic blow-ups (which would be ~170x).
    expect(long).toBeLessThan(short * 60 + 50);
  });
});

describe('engine: autocomplete', () => {
  it('offers starter questions for an empty box', () => {
    const s = engine.suggest('');
    expect(s.length).toBe(25);
    expect(s[0]?.id).toBe('oxytocin-in-short');
  });

  it('completes a half-typed, misspelt question', () => {
    expect(engine.suggest('breastfe').map((s) => s.id)).toContain('oxytocin-breastfeeding');
    expect(
      engine
        .suggest('pitocn side eff')
        .slice(0, 3)
        .map((s) => s.id),
    ).toContain('pitocin-side-effects');
  });

  it('returns at most 25 entries with labels of at most 100 characters', () => {
    for (const partial of ['o', 'oxytocin', 'what is', 'a'.repeat(500), '🧠']) {
      const s = engine.suggest(partial);
      expect(s.length).toBeLessThanOrEqual(25);
      for (const item of s) expect(item.label.length).toBeLessThanOrEqual(100);
      expect(new Set(s.map((i) => i.id)).size).toBe(s.length);
    }
  });
});

describe('typo correction', () => {
  it('measures edit distance with adjacent swaps', () => {
    expect(damerauLevenshtein('oxytocin', 'oxytocin')).toBe(0);
    expect(damerauLevenshtein('oxytocn', 'oxytocin')).toBe(1);
    expect(damerauLevenshtein('oxyotcin', 'oxytocin')).toBe(1);
    expect(damerauLevenshtein('abc', 'xyz')).toBe(3);
  });

  it('corrects to the closest known word and leaves known or short words alone', () => {
    const c = new TypoCorrector(
      new Map([
        ['oxytocin', 5],
        ['vasopressin', 2],
        ['breastfeeding', 3],
      ]),
    );
    expect(c.correct('oxytocn')).toBe('oxytocin');
    expect(c.correct('vasopresin')).toBe('vasopressin');
    expect(c.correct('breastfeding')).toBe('breastfeeding');
    expect(c.correct('oxytocin')).toBeUndefined();
    expect(c.correct('sex')).toBeUndefined();
    expect(c.correct('completelydifferent')).toBeUndefined();
  });
});

describe('typo correction: the compact delete index', () => {
  /** SymSpell as it was first written (a Map from each delete string to its words): the reference. */
  function referenceCorrector(known: Map<string, number>) {
    const deletions = (w: string, max: number) => {
      const out = new Set([w]);
      let frontier = [w];
      for (let depth = 0; depth < max; depth++) {
        const next: string[] = [];
        for (const f of frontier)
          for (let i = 0; i < f.length; i++) {
            const d = f.slice(0, i) + f.slice(i + 1);
            if (!out.has(d)) next.push(d);
            out.add(d);
          }
        frontier = next;
      }
      return out;
    };
    const index = new Map<string, string[]>();
    for (const w of known.keys()) {
      if (w.length < 4) continue;
      for (const d of deletions(w.slice(0, 7), w.length >= 7 ? 2 : 1))
        index.set(d, [...(index.get(d) ?? []), w]);
    }
    return (word: string): string | undefined => {
      if (known.has(word) || word.length < 5 || /\d/.test(word)) return undefined;
      const max = word.length >= 8 ? 2 : 1;
      let best: { w: string; d: number; f: number } | undefined;
      for (const d of deletions(word.slice(0, 7), max))
        for (const w of index.get(d) ?? []) {
          const distance = damerauLevenshtein(word, w, max);
          const f = known.get(w) ?? 0;
          const better =
            !best ||
            distance < best.d ||
            (distance === best.d && (f > best.f || (f === best.f && w < best.w)));
          if (distance <= max && better) best = { w, d: distance, f };
        }
      return best?.w;
    };
  }

  it('corrects every misspelling of the knowledge base vocabulary exactly as string deletes would', () => {
    const a = new Analyzer([]);
    const known = new Map<string, number>();
    for (const e of kb.entries)
      for (const w of new Set(a.words(`${e.title} ${e.body} ${e.keywords.join(' ')}`)))
        known.set(w, (known.get(w) ?? 0) + 1);
    const corrector = new TypoCorrector(known);
    const reference = referenceCorrector(known);
    // Misspellings made by a fixed recipe: drop, double, swap or replace a letter at a few positions.
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const misspell = (w: string) => {
      const i = next(w.length);
      switch (next(4)) {
        case 0:
          return w.slice(0, i) + w.slice(i + 1);
        case 1:
          return w.slice(0, i) + (w[i] as string) + w.slice(i);
        case 2:
          return i + 1 < w.length ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : `${w}s`;
        default:
          return w.slice(0, i) + 'zqxe'[next(4)] + w.slice(i + 1);
      }
    };
    const words = [...known.keys()].filter((w) => w.length >= 5);
    let corrected = 0;
    for (const w of words) {
      const typo = next(3) === 0 ? misspell(misspell(w)) : misspell(w);
      const expected = reference(typo);
      expect(corrector.correct(typo), typo).toBe(expected);
      if (expected !== undefined) corrected++;
    }
    expect(words.length).toBeGreaterThan(1000);
    expect(corrected).toBeGreaterThan(words.length / 2);
  });
});

describe('typo correction against the knowledge base', () => {
  const analyzer = () => new Analyzer([]);
  const kbWith = (questions: string[]): KnowledgeBase => ({
    ...kb,
    entries: [
      { ...(kb.entries[0] as Entry), questions },
      ...kb.entries.slice(1).map((e) => ({ ...e, questions: e.questions.slice(0, 3) })),
    ],
  });

  it("keeps a curator's deliberate typo correctable instead of learning it as a word", () => {
    const a = analyzer();
    const corrector = buildCorrector(kbWith(['oxytocn made where', 'is oxytocin dating advice']), a);
    expect(corrector.correct('oxytocn')).toBe('oxytocin');
    expect(corrector.has('dating')).toBe(true);
  });

  it('still learns question words that are real words close to other words', () => {
    const a = analyzer();
    const corrector = buildCorrector(kbWith(['does spraying it help', 'what about dating']), a);
    expect(corrector.correct('dating')).toBeUndefined();
    expect(corrector.correct('spraying')).toBeUndefined();
  });
});

describe('synonyms', () => {
  it('turns every phrase of a group into one token, whose words alone do not match', () => {
    const a = new Analyzer([['half life', 'halflife', 'half-life']]);
    const one = a.analyze('oxytocin half-life').terms;
    expect(a.analyze('oxytocin halflife').terms).toEqual(one);
    expect(one).toHaveLength(2);
    expect(one).not.toContain(a.analyze('life').terms[0]);
  });
});

describe('softmax classifier', () => {
  const examples = [
    { terms: ['autism', 'symptom'], label: 0 },
    { terms: ['autism', 'kid'], label: 0 },
    { terms: ['autism', 'social'], label: 0 },
    { terms: ['schizophrenia', 'symptom'], label: 1 },
    { terms: ['schizophrenia', 'psychosis'], label: 1 },
    { terms: ['symptom', 'psychosis'], label: 1 },
  ];

  it('learns which word tells two classes apart, not which word they share', () => {
    const model = new SoftmaxClassifier(examples, 2);
    expect(model.predict(['autism', 'symptom'])[0]).toBeGreaterThan(0.8);
    expect(model.predict(['psychosis'])[1]).toBeGreaterThan(0.8);
    const shared = model.predict(['symptom']);
    expect(Math.abs((shared[0] as number) - (shared[1] as number))).toBeLessThan(0.6);
  });

  it('trains the same model from the same examples, and ignores words it never saw', () => {
    const a = [...new SoftmaxClassifier(examples, 2).predict(['autism', 'unseen'])];
    const b = [...new SoftmaxClassifier(examples, 2).predict(['autism'])];
    expect(a).toEqual(b);
    expect([...new SoftmaxClassifier(examples, 2).predict([])]).toEqual([0.5, 0.5]);
  });
});

describe('medical-advice intent', () => {
  it.each([
    ['how much oxytocin should i take', 'strong'],
    ['how much is too much oxytocin', 'strong'],
    ['can i give oxytocin to my baby', 'strong'],
    ['giving oxytocin to kids', 'strong'],
    ['is it ok to drink on oxytocin spray', 'strong'],
    ['mixing oxytocin and alcohol', 'strong'],
    ['where can i buy oxytocin', 'strong'],
    ['oxytocin while pregnant', 'weak'],
    ['how much oxytocin reaches the brain', null],
    ['does oxytocin help with alcohol withdrawal', null],
    ['why do hospitals give oxytocin after the baby is born', null],
    ['oxytocin while nursing', null],
    ['can i use oxytocin while im on methadone', 'strong'],
    ['could oxytocin replace the naltrexone i take', 'strong'],
    ['cheapest place to get oxytocin spray', 'strong'],
    ['is the cuddle hormone ok for toddlers', 'strong'],
    ['had a few glasses of wine, can i still use my spray', 'strong'],
    ['how do doctors use oxytocin to induce labour', null],
    ['my heart is racing after 3 sprays', 'urgent'],
    ['my son drank some of the drops and is acting a bit off', 'urgent'],
  ] as const)('reads "%s" as %s', (q, intent) => {
    expect(medicalAdviceIntent(q)).toBe(intent);
  });

  it('never reads a research entry question as a strong request for medical advice', () => {
    const strong = kb.entries
      .filter((e) => e.category !== 'safety')
      .flatMap((e) => [e.title, ...e.questions].map((q) => `${e.id}: ${q}`))
      .filter((line) =>
        ['strong', 'urgent'].includes(medicalAdviceIntent(line.slice(line.indexOf(':') + 2)) ?? ''),
      );
    expect(strong).toEqual([]);
  });
});

describe('engine: questions nobody tuned on (issue 14 rules)', () => {
  it.each([
    'does oxytocin help with hiccups',
    'can oxytocin cure dandruff',
    'does oxytocin make you snore less',
    'how long does the flu last',
  ])('does not answer "%s" from an entry that merely shares a word', (q) => {
    expect(engine.ask(q).status).not.toBe('answered');
  });

  it('leaves a common English word alone instead of "correcting" it into a knowledge-base word', () => {
    const analyzer = new Analyzer(kb.synonyms.map((g) => [...g]));
    analyzer.useCorrector(buildCorrector(kb, analyzer));
    expect(analyzer.analyze('snore hives warts', { correct: true }).corrected.size).toBe(0);
    expect(analyzer.analyze('oxytocn', { correct: true }).terms).toEqual(analyzer.analyze('oxytocin').terms);
  });

  it.each([
    ['injected some last night and now i feel dizzy and sick', 'urgent'],
    ['i used a spray yesterday and now i have cramps', 'urgent'],
    ['my son accidentally sprayed my oxytocin', 'urgent'],
    ['i took too much oxytocin', 'urgent'],
    ['does oxytocin cause cramps during labour', null],
  ] as const)('reads "%s" as %s', (q, intent) => {
    expect(medicalAdviceIntent(q)).toBe(intent);
  });

  it('answers someone who took something and feels unwell from a safety entry, even without "oxytocin"', () => {
    const r = engine.ask('injected some last night and now i feel dizzy and sick');
    expect(r.status).toBe('answered');
    expect(r.answer?.category).toBe('safety');
    expect(r.answer?.urgent).toMatch(/\w/);
  });

  it('drops what an exclusion names: "other than a spray" does not pull to the sprays entry', () => {
    expect(withoutExclusions('anything other than a nasal spray that helps autism')).not.toMatch(/spray/);
    expect(withoutExclusions('oxytocin without meds')).not.toMatch(/meds/);
    expect(withoutExclusions('how is oxytocin given in hospital')).toBe('how is oxytocin given in hospital');
  });
});

describe('engine: training phrasings', () => {
  it('learns from an entry training file and never shows it', async () => {
    const { VALID_KB } = await import('../helpers/kb-fixtures.ts');
    const fixture = (await loadKnowledgeBase(VALID_KB)).kb as KnowledgeBase;
    const untrained = { ...fixture, entries: fixture.entries.map((e) => ({ ...e, training: [] })) };
    // "squirt", "believe" and "strangers" appear only in the fixture's training/oxytocin-and-trust.yaml.
    const q = 'would a squirt of oxytocin make me believe strangers';
    expect(createHybridEngine(untrained).rank(q)[0]?.id).not.toBe('oxytocin-and-trust');
    const trained = createHybridEngine(fixture);
    expect(trained.rank(q)[0]?.id).toBe('oxytocin-and-trust');
    // Training phrasings teach the learned part only: autocomplete and every reply show titles, never them.
    const r = trained.ask(q);
    expect(
      trained
        .suggest('squirt')
        .map((s) => s.label)
        .join(' '),
    ).not.toContain('squirt');
    expect(JSON.stringify({ ...r, query: '' })).not.toContain('squirt');
  });
});
