/**
 * What the bot records about the questions people ask, and the store it goes to. Privacy first: nothing here
 * names a person. There is no user id, user name or message id, only the server (guild) a question came from.
 */

export const QUESTION_SOURCES = ['slash', 'mention', 'dm', 'context-menu', 'channel', 'http'] as const;
export type QuestionSource = (typeof QUESTION_SOURCES)[number];

export type QuestionStatus = 'answered' | 'suggestions' | 'no_match';

/** The longest question kept; longer ones are cut. */
export const QUESTION_MAX = 500;

export interface QuestionRecord {
  at: Date;
  source: QuestionSource;
  /** null in DMs. */
  guildId: string | null;
  question: string;
  status: QuestionStatus;
  /** The answer, or the best suggestion; null when there was none. */
  topEntryId: string | null;
  confidence: number;
  suggestionIds: string[];
}

export interface FeedbackRecord {
  at: Date;
  guildId: string | null;
  entryId: string;
  helpful: boolean;
  /** The question the answer answered, as quoted in the answer message; null when it had none. */
  question: string | null;
  confidence: number;
}

/** Which menu a pick came from. */
export type PickMenu = 'did-you-mean' | 'related';

export interface PickRecord {
  at: Date;
  guildId: string | null;
  menu: PickMenu;
  question: string;
  entryId: string;
}

export interface RecordBatch {
  questions: QuestionRecord[];
  feedback: FeedbackRecord[];
  picks: PickRecord[];
}

/** A report window: [from, to), optionally one guild. */
export interface Window {
  from: Date;
  to: Date;
  guildId?: string;
}

/** Questions counted by day (YYYY-MM-DD, UTC), source and status. */
export interface DailyCount {
  day: string;
  source: QuestionSource;
  status: QuestionStatus;
  count: number;
}

export interface UnansweredRow {
  question: string;
  at: Date;
  status: Exclude<QuestionStatus, 'answered'>;
  topEntryId: string | null;
  suggestionIds: string[];
}

export interface FeedbackCount {
  entryId: string;
  helpful: boolean;
  question: string | null;
  count: number;
}

export interface PickCount {
  menu: PickMenu;
  question: string;
  entryId: string;
  count: number;
  lastAt: Date;
}

export interface Deleted {
  questions: number;
  feedback: number;
  picks: number;
}

export type Dialect = 'sqlite' | 'postgres';

/** A server's own settings, set with /oxytocin-admin. An absent field means "the global default". */
export interface StoredGuildSettings {
  questionChannelIds: string[];
  privateDefault: boolean;
  /** Overrides RECORD_QUESTIONS for this server. */
  recordQuestions?: 'all' | 'unanswered' | 'off';
  /** Overrides COOLDOWN_QUESTIONS / COOLDOWN_SECONDS for this server. */
  cooldown?: { questions: number; seconds: number };
}

/** The store behind the recorder and the report. One implementation, two databases (Kysely). */
export interface Store {
  readonly dialect: Dialect;
  /** Where it is, for logs: the SQLite file, or the PostgreSQL host and database (never the password). */
  readonly location: string;
  /** Writes a batch in one transaction. */
  insert(batch: RecordBatch): Promise<void>;
  /** Deletes every row older than `cutoff`. */
  deleteOlderThan(cutoff: Date): Promise<Deleted>;
  dailyCounts(window: Window): Promise<DailyCount[]>;
  unanswered(window: Window): Promise<UnansweredRow[]>;
  feedbackCounts(window: Window): Promise<FeedbackCount[]>;
  pickCounts(window: Window): Promise<PickCount[]>;
  /** Entry ids that were answered, given feedback or picked in the window. */
  reachedEntryIds(window: Window): Promise<string[]>;
  /** One server's settings as stored; undefined when it has none. */
  guildSettings(guildId: string): Promise<StoredGuildSettings | undefined>;
  /** Replaces one server's settings. */
  saveGuildSettings(guildId: string, settings: StoredGuildSettings): Promise<void>;
  /** Whether any server has a question channel (the bot then needs the Message Content intent). */
  anyQuestionChannels(): Promise<boolean>;
  /** The bot left the server: its settings and everything recorded from it go. */
  forgetGuild(guildId: string): Promise<Deleted & { settings: number }>;
  close(): Promise<void>;
}
