/**
 * The tables as Kysely sees them. Times are ISO-8601 UTC text ("2026-11-29T23:59:01.123Z"): it sorts, its
 * first ten characters are the day, and it reads the same in SQLite and PostgreSQL. Booleans are 0/1 and lists
 * are JSON text for the same reason: one schema, one set of queries, both databases.
 */
export interface QuestionsTable {
  asked_at: string;
  source: string;
  guild_id: string | null;
  question: string;
  status: string;
  top_entry_id: string | null;
  confidence: number;
  /** JSON array of entry ids. */
  suggestion_ids: string;
}

export interface FeedbackTable {
  at: string;
  guild_id: string | null;
  entry_id: string;
  helpful: number;
  question: string | null;
  confidence: number;
}

export interface PicksTable {
  at: string;
  guild_id: string | null;
  menu: string;
  question: string;
  entry_id: string;
}

/** One row per server that changed a setting (/oxytocin-admin); null columns fall back to the global default. */
export interface GuildSettingsTable {
  guild_id: string;
  /** JSON array of channel ids. */
  question_channel_ids: string;
  private_default: number;
  record_questions: string | null;
  cooldown_questions: number | null;
  cooldown_seconds: number | null;
  updated_at: string;
}

export interface StoreSchema {
  questions: QuestionsTable;
  feedback: FeedbackTable;
  picks: PicksTable;
  guild_settings: GuildSettingsTable;
}
