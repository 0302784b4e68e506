import type { EvidenceLevel } from '../knowledge/types.ts';

/** One citation as the answer shows it: `[n] label` linking to `url`. */
export interface CitationView {
  key: string;
  /** Short label, e.g. "Kosfeld et al., 2005". */
  label: string;
  url: string;
}

export interface AnswerView {
  id: string;
  title: string;
  text: string;
  evidence: EvidenceLevel;
  category: string;
  citations: CitationView[];
  /** What to do if it is happening now (safety answers); null when the entry has none. */
  urgent: string | null;
}

export interface SuggestionView {
  id: string;
  title: string;
  confidence: number;
}

export type AskStatus = 'answered' | 'suggestions' | 'no_match';

/** The result of one question: the `ask --json` contract. */
export interface AskResult {
  query: string;
  status: AskStatus;
  /** 0..1: how sure the engine is that `answer` (or the top suggestion) is what was asked. */
  confidence: number;
  answer: AnswerView | null;
  suggestions: SuggestionView[];
}

/** An autocomplete choice: a question label (<= 100 characters) and the entry it opens. */
export interface AutocompleteItem {
  id: string;
  label: string;
}

export interface Engine {
  ask(query: string): AskResult;
  suggest(partial: string, limit?: number): AutocompleteItem[];
}
