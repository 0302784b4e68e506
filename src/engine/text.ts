/**
 * Text normalisation shared by indexing and querying, so both sides always agree: case, accents, apostrophes,
 * British spellings and chat shorthand.
 */

/** Chat shorthand and spelling variants that no stemmer or typo corrector would bridge. */
const REWRITES: Record<string, string> = {
  u: 'you',
  ur: 'your',
  r: 'are',
  ppl: 'people',
  pls: 'please',
  plz: 'please',
  thx: 'thanks',
  ty: 'thanks',
  bc: 'because',
  cuz: 'because',
  abt: 'about',
  w: 'with',
  wat: 'what',
  wht: 'what',
  y: 'why',
  im: 'i',
  bf: 'partner',
  gf: 'partner',
  bae: 'partner',
  hubby: 'husband',
  preggo: 'pregnant',
  preggers: 'pregnant',
  bub: 'baby',
  bubs: 'baby',
  oxy: 'oxytocin',
  ot: 'oxytocin',
  doggo: 'dog',
  pupper: 'dog',
  smth: 'something',
  // British -> American spellings that a stemmer does not unify.
  oestrogen: 'estrogen',
  oestradiol: 'estradiol',
  foetus: 'fetus',
  foetal: 'fetal',
  diarrhoea: 'diarrhea',
  oedema: 'edema',
  grey: 'gray',
  mum: 'mom',
  mums: 'moms',
  mummy: 'mommy',
};

/** Words ending in "our" that are not British spellings of "-or". */
const OUR_WORDS = new Set([
  'four',
  'your',
  'hour',
  'pour',
  'tour',
  'sour',
  'flour',
  'devour',
  'detour',
  'contour',
  'amour',
]);

const cache = new Map<string, string>();

export function americanize(word: string): string {
  let out = cache.get(word);
  if (out === undefined) {
    out = rewrite(word);
    if (cache.size < 100_000) cache.set(word, out);
  }
  return out;
}

function rewrite(word: string): string {
  const rewritten = REWRITES[word];
  if (rewritten) return rewritten;
  let w = word;
  if (w.length >= 5 && w.endsWith('our') && !OUR_WORDS.has(w)) w = `${w.slice(0, -3)}or`;
  else if (w.length >= 6 && w.endsWith('ours') && !OUR_WORDS.has(w.slice(0, -1))) w = `${w.slice(0, -4)}ors`;
  w = w.replace(/^(ha|pa|ana)e/, (m) => m.slice(0, -1)); // haemorrhage, paediatric, anaemia
  w = w.replace(/isation$/, 'ization').replace(/is(e|ed|es|ing)$/, 'iz$1');
  w = w.replace(/yse$/, 'yze').replace(/ysed$/, 'yzed');
  if (w.endsWith('tre') && w.length >= 6) w = `${w.slice(0, -3)}ter`; // centre, litre
  return w;
}

/** Lower-cases, strips accents and apostrophes, and splits into words of letters and digits. */
export function words(text: string): string[] {
  const folded = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/['’`]/g, '');
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}
