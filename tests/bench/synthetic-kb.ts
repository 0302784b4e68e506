import type { Entry, KnowledgeBase } from '../../src/knowledge/types.ts';

/** Deterministic pseudo-random numbers (mulberry32), so every run builds the same knowledge base. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A knowledge base of `size` entries whose words are drawn from the real one's vocabulary (so term
 * statistics look like real text), with the real references, categories and synonyms.
 */
export function syntheticKb(real: KnowledgeBase, size: number, seed = 42): KnowledgeBase {
  const random = rng(seed);
  const vocabulary = [
    ...new Set(
      real.entries.flatMap(
        (e) => `${e.title} ${e.questions.join(' ')} ${e.body}`.toLowerCase().match(/[a-z]{3,}/g) ?? [],
      ),
    ),
  ].sort();
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
  const words = (n: number) => Array.from({ length: n }, () => pick(vocabulary)).join(' ');
  const template = real.entries[0] as Entry;
  const entries: Entry[] = Array.from({ length: size }, (_, i) => ({
    ...template,
    id: `synthetic-${i}`,
    title: `${words(6)}?`,
    category: pick(real.categories).id,
    questions: Array.from({ length: 8 }, () => words(3 + Math.floor(random() * 6))),
    training: [],
    keywords: Array.from({ length: 4 }, () => pick(vocabulary)),
    body: words(120),
    related: [],
    file: `entries/synthetic-${i}.md`,
  }));
  return { ...real, entries };
}

/** Questions for the benchmark: real-looking queries mixed from the knowledge base's own words. */
export function benchQueries(kb: KnowledgeBase, count: number, seed = 7): string[] {
  const random = rng(seed);
  return Array.from({ length: count }, () => {
    const e = kb.entries[Math.floor(random() * kb.entries.length)] as Entry;
    const q = e.questions[Math.floor(random() * e.questions.length)] as string;
    // Drop a letter now and then, as people do.
    return random() < 0.3 ? q.replace(/[aeiou](?=[a-z]{3})/, '') : q;
  });
}
