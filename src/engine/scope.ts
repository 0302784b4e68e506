/**
 * Scope: is oxytocin really in play? A question about another hormone that merely shares words with ours
 * ("is dopamine the pleasure chemical") must not get one of our answers, while "oxytocin vs dopamine" should.
 */

/** Words that put a question in our subject whatever else it mentions. */
export const ANCHOR_WORDS = [
  'oxytocin',
  'pitocin',
  'syntocinon',
  'love hormone',
  'cuddle hormone',
  'cuddle chemical',
  'hug hormone',
  'oxtr',
  'carbetocin',
];

/** Other hormones, transmitters and substances: a question about these alone is not ours. */
export const FOREIGN_WORDS = [
  'dopamine',
  'serotonin',
  'cortisol',
  'melatonin',
  'testosterone',
  'estrogen',
  'estradiol',
  'progesterone',
  'insulin',
  'glucagon',
  'adrenaline',
  'epinephrine',
  'noradrenaline',
  'norepinephrine',
  'endorphin',
  'endorphins',
  'prolactin',
  'ghrelin',
  'leptin',
  'thyroid',
  'thyroxine',
  'gaba',
  'glutamate',
  'acetylcholine',
  'histamine',
  'hgh',
  'dht',
  'cbd',
  'thc',
  'caffeine',
  'nicotine',
  'creatine',
  'ozempic',
  'semaglutide',
  'ibuprofen',
  'paracetamol',
  'acetaminophen',
  'tylenol',
  'aspirin',
  'vitamin',
  'magnesium',
  'zinc',
];
