/** The knowledge base as the engine and the adapters see it, after loading and validation. */

export const EVIDENCE_LEVELS = ['established', 'mixed', 'preliminary', 'animal-only'] as const;
export type EvidenceLevel = (typeof EVIDENCE_LEVELS)[number];

export interface Entry {
  id: string;
  title: string;
  category: string;
  questions: string[];
  /**
   * More phrasings from `training/<id>.yaml`: they teach the matcher how people ask (long stories included) but
   * are never shown. Empty when the entry has no training file.
   */
  training: string[];
  keywords: string[];
  evidence: EvidenceLevel;
  /** Reference keys, in the order the body's [1], [2] ... markers use them. */
  citations: string[];
  related: string[];
  /** What to do now if it is already happening (safety entries); shown above the answer. */
  urgent?: string;
  /** ISO date, YYYY-MM-DD. */
  reviewed: string;
  /** The answer, Markdown with [n] citation markers. */
  body: string;
  /** Path of the source file, relative to the knowledge directory. */
  file: string;
}

export interface Reference {
  key: string;
  authors: string | null;
  year: number | null;
  title: string;
  venue: string;
  volumePages?: string;
  doi?: string;
  pmid?: string;
  url: string;
  kind?: string;
  verified: string;
}

export interface Category {
  id: string;
  name: string;
  description: string;
}

export interface KnowledgeBase {
  entries: Entry[];
  references: Map<string, Reference>;
  categories: Category[];
  /** Groups of words or phrases to treat as equivalent. */
  synonyms: string[][];
  /** The text of the about command. */
  about: string;
}
