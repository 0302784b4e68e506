import { phrasingsOf } from '../knowledge/phrasings.ts';
import type { Entry, KnowledgeBase } from '../knowledge/types.ts';
import { Analyzer } from './analyzer.ts';
import { answerView } from './answer.ts';
import { createAutocomplete } from './autocomplete.ts';
import { CommonWords } from './common-words.ts';
import { medicalAdviceIntent } from './intent.ts';
import { features, LexicalIndex, type LexicalIndexData } from './lexical-index.ts';
import { sanitizeQuery } from './sanitize.ts';
import { ANCHOR_WORDS, FOREIGN_WORDS } from './scope.ts';
import {
  DEFAULT_SOFTMAX_OPTIONS,
  type Example,
  normalizeLogs,
  RESTORED,
  SoftmaxClassifier,
  type SoftmaxModel,
  type SoftmaxOptions,
} from './softmax.ts';
import type { AskResult, Engine, SuggestionView } from './types.ts';
import { type CorrectorData, DEFAULT_TYPO_OPTIONS, TypoCorrector } from './typo.ts';

/** Built once per process: every engine (and every reload) shares it. */
let sharedRealWords: CommonWords | undefined;
const realWords = () => {
  sharedRealWords ??= new CommonWords();
  return sharedRealWords;
};

/** Tuning knobs of the hybrid engine; the defaults were chosen on the entries' own questions (see README). */
export interface HybridOptions {
  /** Field weights for the BM25F part. */
  fieldWeights: { title: number; questions: number; keywords: number; body: number };
  /** BM25 saturation and length normalisation. */
  k1: number;
  b: number;
  /** How much of the best phrasing score is about covering the query (vs covering the phrasing). */
  queryShare: number;
  /** Blend of the final score: best phrasing, query coverage by the whole entry, BM25F. */
  blend: { phrasing: number; coverage: number; bm25: number };
  /** Weight multiplier for a query word that was typo-corrected. */
  correctedWeight: number;
  /** Score multiplier for safety entries when the question asks for medical advice. */
  safetyBoost: number;
  /**
   * When a question asks for medical advice, the best safety entry is answered instead of the top entry if it
   * scores at least this share of the top score: a dosing question gets the clinician answer, not research.
   */
  safetyRouteShare: number;
  /**
   * Logistic model turning the ranking's signals into a confidence: the estimated chance that the top entry is
   * right. Fitted with `tests/eval/tune.ts --fit` (see README, "How matching works").
   */
  calibration: { bias: number; weights: Record<keyof Signals, number> };
  /** Confidence at or above which the best entry is answered. */
  answerAt: number;
  /** The higher bar when the lexical and the learned parts rank different entries first. */
  disagreementAnswerAt: number;
  /**
   * The bar for a question that does not name oxytocin, when both parts agree on the entry and it covers the
   * question's subject: the confidence model weighs the missing name heavily, and the subject rule already
   * keeps off-topic questions out.
   */
  noAnchorAnswerAt: number;
  /**
   * Lower bar for a medical-advice question whose best entry is a safety entry: that answer sends the person to
   * a clinician, so giving it is the cautious choice even when unsure which safety entry fits best.
   */
  safetyAnswerAt: number;
  /** Top score at or above which suggestions are offered instead of no match... */
  suggestAt: number;
  /** ...provided the question names oxytocin, or the confidence reaches this (no "did you mean" for chatter). */
  suggestWithoutAnchorAt: number;
  /** Index pairs of neighbouring terms too. */
  bigrams: boolean;
  /**
   * The subject rule: a question is answered only when the top entry covers at least this share of its subject
   * (the question without "oxytocin" and without question-form words). "Can oxytocin help me sleep" is not about emotion recognition
   * because both say "oxytocin"; when no entry covers the subject, the honest reply is no match.
   */
  minSubjectCoverage: number;
  /** How much a typo-corrected word counts towards covering the subject. */
  correctedSubjectShare: number;
  /**
   * The learned part of the score, next to the lexical part: a blend of Naive Bayes and a softmax classifier, both
   * trained on each entry's title and questions.
   */
  classifier: {
    /** Its share of the final score (the rest is the lexical score). */
    share: number;
    /** The softmax classifier's share within the learned part (the rest is Naive Bayes). */
    softmaxShare: number;
    /**
     * The softmax is trained only while examples x entries stays under this (training costs about 0.1 s a
     * million); above, Naive Bayes alone.
     */
    maxSoftmaxCost: number;
    softmax: SoftmaxOptions;
  };
  /** Naive Bayes smoothing, and how much each field teaches it. */
  naiveBayes: {
    alpha: number;
    fieldWeights: { title: number; questions: number; keywords: number; body: number };
  };
  /** Lowest IDF, as a share of the highest: a word in every entry still counts a little. */
  idfFloor: number;
}

export const DEFAULT_HYBRID_OPTIONS: HybridOptions = {
  fieldWeights: { title: 3, questions: 2, keywords: 2, body: 1 },
  k1: 1.2,
  b: 0.6,
  queryShare: 0.45,
  blend: { phrasing: 0.55, coverage: 0.25, bm25: 0.2 },
  correctedWeight: 0.8,
  safetyBoost: 1.15,
  safetyRouteShare: 0.5,
  calibration: {
    bias: -6.92,
    weights: {
      score: 2.46,
      lead: 1.28,
      phrasing: 1.51,
      coverage: 0.02,
      unknownShare: -1.71,
      anchor: 3.62,
      length: 0.87,
      learned: 2.99,
    },
  },
  answerAt: 0.65,
  disagreementAnswerAt: 0.7,
  noAnchorAnswerAt: 0.6,
  safetyAnswerAt: 0.7,
  suggestAt: 0.3,
  suggestWithoutAnchorAt: 0.5,
  bigrams: false,
  minSubjectCoverage: 0.2,
  correctedSubjectShare: 0.5,
  idfFloor: 0.05,
  classifier: { share: 0.6, softmaxShare: 0.7, maxSoftmaxCost: 2_000_000, softmax: DEFAULT_SOFTMAX_OPTIONS },
  naiveBayes: { alpha: 0.1, fieldWeights: { title: 2, questions: 1, keywords: 1, body: 0.2 } },
};

/** Per-entry evidence for one question. */
interface Candidate {
  entry: number;
  score: number;
  phrasing: number;
  coverage: number;
}

/** What the confidence model sees about a question and its best candidate. */
export interface Signals {
  /** Blended score of the top entry. */
  score: number;
  /** How far the top entry leads the runner-up, as a share of its score. */
  lead: number;
  /** Best title/alternate-question match of the top entry. */
  phrasing: number;
  /** Share of the question's weight found anywhere in the top entry. */
  coverage: number;
  /** Share of the question's weight in words no entry uses. */
  unknownShare: number;
  /** 1 when the question names oxytocin (or Pitocin, the love hormone...). */
  anchor: number;
  /** log(1 + number of distinct terms). */
  length: number;
  /** The learned part's posterior for the top entry (softmax and Naive Bayes). */
  learned: number;
}

/**
 * Words that say what kind of question it is (how long, how much, does it help), not what it is about: they are
 * not a question's subject, so "how long does the flu last" is not about the half-life.
 */
const GENERIC_WORDS = [
  'help',
  'helps',
  'helpful',
  'good',
  'bad',
  'better',
  'worse',
  'make',
  'makes',
  'effect',
  'effects',
  'affect',
  'affects',
  'cause',
  'causes',
  'work',
  'works',
  'use',
  'used',
  'really',
  'actually',
  'thing',
  'things',
  'way',
  'link',
  'linked',
  'connection',
  'related',
  'role',
  'impact',
  'improve',
  'improves',
  'increase',
  'increases',
  'decrease',
  'boost',
  'raise',
  'lower',
  'level',
  'levels',
  'cure',
  'treat',
  'treatment',
  'fix',
  'stop',
  'get',
  'rid',
  'any',
  'anything',
  'know',
  'tell',
  'question',
  'explain',
  'mean',
  'lol',
  'pls',
  'please',
  'how',
  'what',
  'why',
  'when',
  'where',
  'who',
  'which',
  'long',
  'last',
  'lasts',
  'much',
  'many',
  'often',
  'time',
  'times',
  'take',
  'takes',
  'happen',
  'happens',
  'more',
  'less',
];

export function confidenceOf(signals: Signals, calibration: HybridOptions['calibration']): number {
  let z = calibration.bias;
  for (const k of Object.keys(calibration.weights) as (keyof Signals)[])
    z += calibration.weights[k] * signals[k];
  return 1 / (1 + Math.exp(-z));
}

/**
 * The hybrid engine: normalise, correct typos against the knowledge base's vocabulary, unify synonyms, then
 * score entries lexically (best matching phrasing + coverage + BM25F) and decide: answer, suggest or abstain.
 */
/** The engine plus its ranking, for evaluation and tuning. */
export interface HybridEngine extends Engine {
  /** Every candidate entry with its score, best first (no decision applied). */
  rank(query: string): { id: string; score: number }[];
  /** The confidence model's inputs for a question (undefined when nothing matched). */
  signals(query: string): Signals | undefined;
  /** What training produced, to store and pass back to `createHybridEngine` for the same knowledge. */
  trained(): TrainedModel;
}

/**
 * The engine's built parts as data (the softmax is null when the options turn it off). With `corrector` and
 * `index` too, an engine is restored without analysing the knowledge base again; `options` says which options
 * built them (a different set builds afresh).
 */
export interface TrainedModel {
  softmax: SoftmaxModel | null;
  corrector?: CorrectorData;
  index?: LexicalIndexData;
  options?: string;
}

export function createHybridEngine(
  kb: KnowledgeBase,
  overrides: Partial<HybridOptions> = {},
  trained?: TrainedModel,
): HybridEngine {
  const options = { ...DEFAULT_HYBRID_OPTIONS, ...overrides };
  const optionsKey = JSON.stringify(options);
  const analyzer = new Analyzer(kb.synonyms.map((g) => [...g]));
  const n = kb.entries.length;
  let corrector: TypoCorrector;
  let index: LexicalIndex;
  let softmax: SoftmaxClassifier | undefined;
  if (trained?.corrector && trained.index && trained.options === optionsKey) {
    corrector = TypoCorrector.restore(trained.corrector, typoOptions());
    index = new LexicalIndex(kb.entries, trained.index);
    if (trained.softmax)
      softmax = new SoftmaxClassifier(RESTORED, n, options.classifier.softmax, trained.softmax);
    analyzer.useCorrector(corrector);
  } else {
    corrector = buildCorrector(kb, analyzer);
    analyzer.useCorrector(corrector);
    const built = LexicalIndex.build(kb.entries, analyzer, options);
    index = built.index;
    softmax = trainSoftmax(built.examples, n, options.classifier, trained);
  }
  const scratch = {
    bm25: new Float64Array(n),
    covered: new Float64Array(n),
    phrasing: new Float64Array(n),
    matched: new Float64Array(index.phrasingEntry.length),
    nb: new Float64Array(n),
  };

  // Anchors can be phrases ("love hormone"): a question has one when it contains the whole term sequence.
  const anchors = ANCHOR_WORDS.map((w) => analyzer.analyze(w).terms).filter((seq) => seq.length > 0);
  const foreign = new Set(FOREIGN_WORDS.flatMap((w) => analyzer.analyze(w).terms));
  // The subject is what a question asks about oxytocin; a nickname or Pitocin can be the subject itself.
  const oxytocinTerms = new Set(analyzer.analyze('oxytocin').terms);
  const generic = new Set(GENERIC_WORDS.flatMap((w) => analyzer.analyze(w).terms));
  const safety = new Set(kb.entries.flatMap((e, i) => (e.category === 'safety' ? [i] : [])));

  /** Posterior over all entries for the known terms of a question (uniform prior). */
  function naiveBayes(terms: string[]): Float64Array {
    const log = scratch.nb;
    for (let c = 0; c < n; c++) log[c] = terms.length * (index.nbLogAlpha - (index.nbLogNorm[c] as number));
    for (const t of terms) {
      const list = index.nbPostings.get(t);
      if (!list) continue;
      for (let k = 0; k < list.length; k += 2)
        log[list[k] as number] = (log[list[k] as number] as number) + (list[k + 1] as number);
    }
    return normalizeLogs(log);
  }

  function rank(query: string): {
    candidates: Candidate[];
    signals?: Signals;
    safetyFirst?: boolean;
    urgentSafety?: boolean;
    offSubject?: boolean;
    disagreement?: boolean;
    medicalUnrouted?: boolean;
  } {
    const { terms, corrected } = analyzer.analyze(withoutExclusions(query), { correct: true });
    // A word pair counts only when some entry has it; an unseen pair says nothing new about scope.
    const unique = [...new Set(features(terms, options))].filter((t) => !t.includes(' ') || index.idf.has(t));
    const hasAnchor = anchors.some((seq) => containsSequence(terms, seq));
    const hasForeign = unique.some((t) => foreign.has(t));
    if (unique.length === 0 || (hasForeign && !hasAnchor)) return { candidates: [] };

    const weight = new Map<string, number>();
    let queryMass = 0;
    let unknownMass = 0;
    for (const t of unique) {
      const known = index.idf.get(t);
      const w = (known ?? index.unknownIdf) * (corrected.has(t) ? options.correctedWeight : 1);
      weight.set(t, w);
      queryMass += w;
      if (known === undefined) unknownMass += w;
    }

    // Scratch arrays reused across questions (rank is synchronous): no per-question maps to allocate or collect.
    const touched: number[] = [];
    for (const t of unique) {
      const w = weight.get(t) as number;
      const list = index.entryPostings.get(t);
      if (!list) continue;
      for (let k = 0; k < list.length; k += 2) {
        const entry = list[k] as number;
        const tf = list[k + 1] as number;
        if (scratch.covered[entry] === 0) touched.push(entry);
        scratch.bm25[entry] =
          (scratch.bm25[entry] as number) + (w * tf * (options.k1 + 1)) / (tf + options.k1);
        scratch.covered[entry] = (scratch.covered[entry] as number) + w;
      }
    }
    const touchedPhrasings: number[] = [];
    for (const t of unique) {
      const w = weight.get(t) as number;
      for (const p of index.phrasingPostings.get(t) ?? []) {
        if (scratch.matched[p] === 0) touchedPhrasings.push(p);
        scratch.matched[p] = (scratch.matched[p] as number) + w;
      }
    }
    for (const p of touchedPhrasings) {
      const m = scratch.matched[p] as number;
      scratch.matched[p] = 0;
      const entry = index.phrasingEntry[p] as number;
      const mass = index.phrasingMass[p] as number;
      const s = m / (options.queryShare * queryMass + (1 - options.queryShare) * Math.max(mass, m));
      if (s > (scratch.phrasing[entry] as number)) scratch.phrasing[entry] = s;
    }

    const knownTerms = unique.filter((t) => index.idf.has(t));
    // The learned part: the Naive Bayes posterior, blended in place with the softmax's.
    const learned = naiveBayes(knownTerms);
    if (softmax) {
      const p = softmax.predict(knownTerms);
      const share = options.classifier.softmaxShare;
      for (let c = 0; c < n; c++)
        learned[c] = (1 - share) * (learned[c] as number) + share * (p[c] as number);
    }
    const intent = medicalAdviceIntent(query);
    const medical = intent !== null;
    const bm25Max = queryMass * (options.k1 + 1);
    const top = new TopK<Candidate>(MAX_CANDIDATES, (a, b) => b.score - a.score || a.entry - b.entry);
    let bestSafety: Candidate | undefined;
    let lexicalBest = -1;
    let lexicalBestScore = -1;
    let learnedBest = -1;
    let learnedBestScore = -1;
    for (const entry of touched) {
      const phrasing = scratch.phrasing[entry] as number;
      const coverage = (scratch.covered[entry] as number) / queryMass;
      const lexical =
        options.blend.phrasing * phrasing +
        options.blend.coverage * coverage +
        options.blend.bm25 * Math.min(1, (scratch.bm25[entry] as number) / bm25Max);
      scratch.phrasing[entry] = 0;
      scratch.covered[entry] = 0;
      scratch.bm25[entry] = 0;
      // Plain assignments: this loop runs for every entry a question touches (10,000 in the benchmark).
      if (lexical > lexicalBestScore) {
        lexicalBest = entry;
        lexicalBestScore = lexical;
      }
      const learnedScore = learned[entry] ?? 0;
      if (learnedScore > learnedBestScore) {
        learnedBest = entry;
        learnedBestScore = learnedScore;
      }
      let score = (1 - options.classifier.share) * lexical + options.classifier.share * learnedScore;
      if (medical && safety.has(entry)) score *= options.safetyBoost;
      const candidate = { entry, score: Math.min(1, score), phrasing, coverage };
      top.add(candidate);
      if (safety.has(entry) && (!bestSafety || candidate.score > bestSafety.score)) bestSafety = candidate;
    }
    const candidates = top.sorted();
    if (medical && bestSafety && !candidates.includes(bestSafety)) candidates.push(bestSafety);
    if (medical && candidates[0] && !safety.has(candidates[0].entry)) {
      const best = candidates.findIndex((c) => safety.has(c.entry));
      const first = candidates[0];
      if (best > 0 && (candidates[best] as Candidate).score >= options.safetyRouteShare * first.score) {
        const [routed] = candidates.splice(best, 1) as [Candidate];
        candidates.unshift({ ...routed, score: Math.max(routed.score, first.score) });
      }
    }
    const [first, second] = candidates;
    if (!first) return { candidates };
    let subjectMass = 0;
    let subjectCovered = 0;
    for (const t of unique) {
      if (oxytocinTerms.has(t) || generic.has(t)) continue;
      const w = weight.get(t) as number;
      subjectMass += w;
      // A word the typo corrector changed ("snore" to "score") is weak evidence that the entry is on the subject.
      if (postingsInclude(index.entryPostings.get(t), first.entry))
        subjectCovered += corrected.has(t) ? w * options.correctedSubjectShare : w;
    }
    const offSubject =
      subjectMass > 0 && subjectCovered / subjectMass < options.minSubjectCoverage && !medical;
    const signals: Signals = {
      score: first.score,
      lead: second && first.score > 0 ? (first.score - second.score) / first.score : 1,
      phrasing: first.phrasing,
      coverage: first.coverage,
      unknownShare: unknownMass / queryMass,
      anchor: hasAnchor ? 1 : 0,
      length: Math.log(1 + unique.length),
      learned: learned[first.entry] ?? 0,
    };
    return {
      candidates,
      signals,
      safetyFirst: medical && hasAnchor && safety.has(first.entry),
      // "Injected some last night and now I feel sick" need not say oxytocin: the safety answer, with its urgent
      // line, is the one to give, however unsure the ranking is about which safety entry fits best.
      urgentSafety: intent === 'urgent' && safety.has(first.entry),
      offSubject,
      // The lexical and the learned parts each prefer a different entry: a guess, whatever the blend says.
      disagreement: lexicalBest !== learnedBest,
      // A medical-advice question that no safety entry fits is not answered with research: suggest instead.
      medicalUnrouted: (intent === 'strong' || intent === 'urgent') && hasAnchor && !safety.has(first.entry),
    };
  }

  const suggestion = (c: Candidate): SuggestionView => {
    const e = kb.entries[c.entry] as Entry;
    return { id: e.id, title: e.title, confidence: round(c.score) };
  };

  return {
    ask(raw: string): AskResult {
      const query = typeof raw === 'string' ? raw : '';
      const clean = sanitizeQuery(query);
      const { candidates, signals, safetyFirst, urgentSafety, offSubject, disagreement, medicalUnrouted } =
        clean ? rank(clean) : { candidates: [] };
      const [top] = candidates;
      const none: AskResult = { query, status: 'no_match', confidence: 0, answer: null, suggestions: [] };
      if (!top || !signals) return none;
      const confidence = round(confidenceOf(signals, options.calibration));
      if (offSubject) return { ...none, confidence };
      const bar = safetyFirst
        ? options.safetyAnswerAt
        : disagreement
          ? options.disagreementAnswerAt
          : signals.anchor === 0
            ? options.noAnchorAnswerAt
            : options.answerAt;
      if (urgentSafety || (!medicalUnrouted && confidence >= bar)) {
        return {
          query,
          status: 'answered',
          confidence,
          answer: answerView(kb.entries[top.entry] as Entry, kb),
          suggestions: [],
        };
      }
      if (
        top.score >= options.suggestAt &&
        (signals.anchor === 1 || confidence >= options.suggestWithoutAnchorAt)
      ) {
        const floor = top.score * 0.6;
        const picks = candidates.filter((c) => c.score >= floor).slice(0, 5);
        const list = (picks.length >= 2 ? picks : candidates.slice(0, 2)).map(suggestion);
        return { query, status: 'suggestions', confidence, answer: null, suggestions: list };
      }
      return { ...none, confidence };
    },
    suggest: createAutocomplete(kb, index, analyzer),
    trained: () => ({
      softmax: softmax?.export() ?? null,
      corrector: corrector.data(),
      index: index.data(),
      options: optionsKey,
    }),
    signals(query: string) {
      const clean = sanitizeQuery(query);
      return clean ? rank(clean).signals : undefined;
    },
    rank(query: string) {
      const clean = sanitizeQuery(query);
      return (clean ? rank(clean).candidates : []).map((c) => ({
        id: (kb.entries[c.entry] as Entry).id,
        score: c.score,
      }));
    },
  };
}

/**
 * The softmax classifier over each entry's title, questions and training phrasings (as the index analysed them)
 * and keywords; restored from `trained` instead when given.
 */
function trainSoftmax(
  examples: readonly Example[],
  classes: number,
  options: HybridOptions['classifier'],
  trained?: TrainedModel,
): SoftmaxClassifier | undefined {
  if (options.softmaxShare <= 0 || examples.length * classes > options.maxSoftmaxCost) return undefined;
  return new SoftmaxClassifier(examples, classes, options.softmax, trained?.softmax ?? undefined);
}

/** Whether a flat [entry, value, ...] postings list has `entry`. */
function postingsInclude(list: readonly number[] | undefined, entry: number): boolean {
  if (!list) return false;
  for (let k = 0; k < list.length; k += 2) if (list[k] === entry) return true;
  return false;
}

const typoOptions = () => ({ ...DEFAULT_TYPO_OPTIONS, realWords: realWords() });

/**
 * The typo corrector's vocabulary: every word of the curated text (titles, keywords, answers, synonyms), plus
 * the words of the alternate questions that are not near-misses of common ones. Curators write typos into questions on
 * purpose ("oxytocn made where"); such a word must stay correctable, or a user's same typo would be taken as known
 * and lose its link to the real word.
 */
export function buildCorrector(kb: KnowledgeBase, analyzer: Analyzer): TypoCorrector {
  const curated = new Map<string, number>();
  const count = (into: Map<string, number>, text: string) => {
    for (const w of new Set(analyzer.words(text))) into.set(w, (into.get(w) ?? 0) + 1);
  };
  for (const e of kb.entries) count(curated, [e.title, ...e.keywords, e.body].join(' '));
  for (const w of analyzer.synonymVocabulary()) if (!curated.has(w)) curated.set(w, 1);
  for (const w of [...ANCHOR_WORDS, ...FOREIGN_WORDS].flatMap((p) => analyzer.words(p))) {
    if (!curated.has(w)) curated.set(w, 0);
  }
  const questions = new Map<string, number>();
  for (const e of kb.entries) count(questions, phrasingsOf(e).join(' '));
  const corrector = new TypoCorrector(curated, typoOptions());
  const curatedStems = new Set([...curated.keys()].map((w) => analyzer.stem(w)));
  // A typo is a word the curated text never uses in any form, near a word it uses several times more often:
  // "oxytoxin" next to "oxytocin", but not "dating" next to "mating" or "spraying" next to "speaking".
  const typos = [...questions].filter(([w, entries]) => {
    if (curated.has(w) || curatedStems.has(analyzer.stem(w))) return false;
    const fix = corrector.correct(w);
    return fix !== undefined && (curated.get(fix) ?? 0) >= Math.max(3, 3 * entries);
  });
  const isTypo = new Set(typos.map(([w]) => w));
  for (const [w, entries] of questions) {
    if (!isTypo.has(w)) corrector.add(w, (curated.get(w) ?? 0) + entries);
  }
  return corrector;
}

/** Candidates kept per question: the answer, suggestions and the confidence model need only the best few. */
const MAX_CANDIDATES = 50;

/** The best `k` items seen, without sorting everything (10,000 entries touched by a common word). */
class TopK<T> {
  private readonly items: T[] = [];
  constructor(
    private readonly k: number,
    private readonly compare: (a: T, b: T) => number,
  ) {}

  add(item: T): void {
    const items = this.items;
    if (items.length === this.k && this.compare(item, items[items.length - 1] as T) >= 0) return;
    let i = items.length;
    if (items.length === this.k) items.pop();
    i = items.length;
    while (i > 0 && this.compare(item, items[i - 1] as T) < 0) i--;
    items.splice(i, 0, item);
  }

  sorted(): T[] {
    return [...this.items];
  }
}

/**
 * "Anything other than a spray", "without meds", "instead of Pitocin": what follows names what the question is
 * not about, so those words must not pull towards the entry they name. The medical-advice intent still reads the
 * whole question ("without a prescription" is a buying question).
 */
export function withoutExclusions(text: string): string {
  return text.replace(
    /\b(without|other than|instead of|apart from|except( for)?|besides|rather than|not counting)\s+((a|an|the|any|my|your|using|taking|via|through)\s+)?[\p{L}\p{N}'-]+(\s+(spray|sprays|pills?|meds|drugs?|medication|medicine|injections?|drips?))?/giu,
    ' ',
  );
}

function containsSequence(terms: readonly string[], seq: readonly string[]): boolean {
  for (let i = 0; i + seq.length <= terms.length; i++) {
    if (seq.every((t, k) => terms[i + k] === t)) return true;
  }
  return false;
}

function round(x: number): number {
  return Math.round(Math.max(0, Math.min(1, x)) * 1000) / 1000;
}
