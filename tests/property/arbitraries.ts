import fc from 'fast-check';

/** Seeded, so a failure prints a seed and path that reproduce it. */
export const PROPERTY_SEED = 20261126;
export const RUNS = Number(process.env.PROPERTY_RUNS ?? 10_000);

const fragments = [
  'oxytocin',
  'where is oxytocin made',
  'how much should i take',
  'pitocin',
  '@everyone',
  '@here',
  '<@123456789012345678>',
  '<@!123456789012345678>',
  '<@&223456789012345678>',
  '<#323456789012345678>',
  '<:blob:423456789012345678>',
  'https://example.com/a?b=c',
  '```js\nconsole.log(1)\n```',
  '**bold**',
  '> quote',
  '||spoiler||',
  '\u0000',
  '\u200b',
  '\u202e',
  '\ud800',
  '\udfff',
  '🧠💕🤗',
  'שלום',
  'مرحبا',
  '催产素',
  '\n',
  '?',
];

/** Any text a Discord user could send: arbitrary code points (lone surrogates, NUL), mixed with mentions, markdown, URLs and our own words, 0 to 6,000 characters. */
export const anyQuestion: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc
    .array(fc.oneof(fc.constantFrom(...fragments), fc.string({ unit: 'binary', maxLength: 20 })), {
      maxLength: 60,
    })
    .map((parts) => parts.join(' ')),
  fc
    .tuple(fc.constantFrom(...fragments), fc.integer({ min: 0, max: 6000 }))
    .map(([f, n]) => f.repeat(Math.ceil(n / f.length)).slice(0, n)),
);
