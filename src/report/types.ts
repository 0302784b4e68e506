import type { QuestionSource } from '../store/types.ts';

/** `npm run report -- --json`: other tools read these names; change none of them. */
export interface Report {
  window: { from: string; to: string; days: number };
  totals: Totals;
  unanswered: UnansweredGroup[];
  feedback: FeedbackSummary[];
  picked: PickSummary[];
  neverReached: string[];
}

export interface Totals {
  asked: number;
  answered: number;
  suggestions: number;
  no_match: number;
}

export interface UnansweredGroup {
  /** The most frequent wording in the group. */
  question: string;
  count: number;
  /** ISO time. */
  lastAsked: string;
  /** The engine's best guesses (entry ids), most frequent first. */
  suggestions: string[];
}

export interface FeedbackSummary {
  entryId: string;
  helpful: number;
  notHelpful: number;
  /** The questions that led to a Not helpful click, most frequent first. */
  questions: string[];
}

export interface PickSummary {
  question: string;
  entryId: string;
  count: number;
}

/** What the text report shows besides the JSON: by source, per day, the wordings of each group. */
export interface ReportDetails {
  guildId?: string;
  bySource: Partial<Record<QuestionSource, Totals>>;
  /** One per day of the window, oldest first. */
  daily: { day: string; asked: number; answered: number }[];
  /** Other wordings of each unanswered group (same index as `unanswered`). */
  variants: string[][];
  /** Which menu each pick came from (same index as `picked`). */
  pickMenus: string[][];
}
