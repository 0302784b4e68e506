/**
 * Replaces every word or phrase of a synonym group with the group's first member, longest phrase first, so
 * "nasal spray", "intranasal" and "nose spray" all index and match as one term. A first member of several words
 * becomes one token ("half_life"): its words alone must not match ("life" is not about the half-life).
 */
export class SynonymMap {
  /** First word of a phrase -> candidate phrases (as word lists) with their canonical form, longest first. */
  private readonly byFirstWord = new Map<string, { phrase: string[]; canonical: string[] }[]>();

  constructor(groups: readonly (readonly string[][])[]) {
    for (const group of groups) {
      const canonical = group[0];
      if (!canonical || canonical.length === 0) continue;
      for (const phrase of group) {
        const first = phrase[0];
        if (!first) continue;
        const list = this.byFirstWord.get(first) ?? [];
        list.push({ phrase, canonical });
        list.sort((a, b) => b.phrase.length - a.phrase.length);
        this.byFirstWord.set(first, list);
      }
    }
  }

  /** Every word that appears in some synonym phrase (the typo corrector treats them as known words). */
  vocabulary(): string[] {
    return [...this.byFirstWord.values()].flatMap((list) =>
      list.flatMap((c) => [...c.phrase, ...c.canonical]),
    );
  }

  apply(input: readonly string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < input.length; ) {
      const candidates = this.byFirstWord.get(input[i] as string);
      const hit = candidates?.find((c) => c.phrase.every((w, k) => input[i + k] === w));
      if (hit) {
        out.push(hit.canonical.join('_'));
        i += hit.phrase.length;
      } else {
        out.push(input[i] as string);
        i += 1;
      }
    }
    return out;
  }
}
