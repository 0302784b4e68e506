import { stemmer } from 'stemmer';
import { STOPWORDS } from './stopwords.ts';
import { SynonymMap } from './synonyms.ts';
import { americanize, words } from './text.ts';
import type { TypoCorrector } from './typo.ts';

/** What a text turns into for matching. */
export interface Analysis {
  /** Stemmed content terms, in order, synonyms unified, stopwords removed. */
  terms: string[];
  /** Terms that came from a typo correction (they weigh a little less). */
  corrected: Set<string>;
}

/**
 * The one text pipeline for entries and questions alike: words -> British/slang rewrite -> (typo correction,
 * questions only) -> synonym phrases -> stopwords -> Porter stem.
 */
export class Analyzer {
  private readonly synonyms: SynonymMap;
  private readonly stems = new Map<string, string>();
  private corrector?: TypoCorrector;

  constructor(synonymGroups: readonly string[][]) {
    this.synonyms = new SynonymMap(synonymGroups.map((group) => group.map((phrase) => this.words(phrase))));
  }

  /** Rewritten words of a text, before synonyms and stopwords: the typo corrector's vocabulary. */
  words(text: string): string[] {
    return words(text).map(americanize);
  }

  synonymVocabulary(): string[] {
    return this.synonyms.vocabulary();
  }

  useCorrector(corrector: TypoCorrector): void {
    this.corrector = corrector;
  }

  analyze(text: string, { correct = false } = {}): Analysis {
    const corrected = new Set<string>();
    let ws = this.words(text);
    if (correct && this.corrector) {
      const corrector = this.corrector;
      ws = ws.map((w) => {
        if (STOPWORDS.has(w)) return w;
        const fix = corrector.correct(w);
        if (fix === undefined) return w;
        corrected.add(this.stem(fix));
        return fix;
      });
    }
    const terms = this.synonyms
      .apply(ws)
      .filter((w) => !STOPWORDS.has(w))
      .map((w) => this.stem(w));
    return { terms, corrected: new Set([...corrected].filter((t) => terms.includes(t))) };
  }

  stem(word: string): string {
    let s = this.stems.get(word);
    if (s === undefined) {
      s = conflate(stemmer(word));
      // Bounded: the knowledge base's words and the commonest question words fit; every new word a user types
      // would otherwise stay in memory for good (stemming one again costs about a microsecond).
      if (this.stems.size < 20_000) this.stems.set(word, s);
    }
    return s;
  }
}

/**
 * Evens out the Porter stemmer's blind spots on everyday words: "sniffing" -> "snif" but "sniff" -> "sniff"
 * (a final double consonant), and "treatment" kept whole when the rest is short ("treat").
 */
function conflate(stem: string): string {
  let s = stem;
  if (s.length >= 6 && s.endsWith('ment')) s = s.slice(0, -4);
  const n = s.length;
  if (n >= 4 && s[n - 1] === s[n - 2] && !'aeiou'.includes(s[n - 1] as string)) s = s.slice(0, -1);
  return s;
}
