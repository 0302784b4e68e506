import { type Kysely, sql } from 'kysely';
import type { StoreSchema } from './schema.ts';
import {
  type DailyCount,
  type Deleted,
  type Dialect,
  type FeedbackCount,
  type PickCount,
  type PickMenu,
  QUESTION_MAX,
  type QuestionSource,
  type QuestionStatus,
  type RecordBatch,
  type Store,
  type StoredGuildSettings,
  type UnansweredRow,
  type Window,
} from './types.ts';

const RECORD_OVERRIDES = ['all', 'unanswered', 'off'] as const;

/** Rows per INSERT statement (SQLite allows 32,766 bound values; PostgreSQL 65,535). */
const ROWS_PER_INSERT = 200;

/** A database connection as the store uses it. */
export interface Connection {
  dialect: Dialect;
  location: string;
  /** The current Kysely instance (it may be replaced by `recover`). */
  db(): Kysely<StoreSchema>;
  /** Called after a write failed, before the next one (SQLite reopens its file: see sqlite.ts). */
  recover?(): void;
  close(): Promise<void>;
}

/** The store over a Kysely connection; the same queries serve SQLite and PostgreSQL. */
export function kyselyStore(conn: Connection): Store {
  const { dialect, location } = conn;
  const iso = (d: Date) => d.toISOString();
  /** Every report query: time in [from, to), and the guild when one is asked for. */
  const within = <T extends 'questions' | 'feedback' | 'picks'>(table: T, column: string, w: Window) => {
    let q = conn
      .db()
      .selectFrom(table as 'questions')
      .where(sql.ref(column), '>=', iso(w.from))
      .where(sql.ref(column), '<', iso(w.to));
    if (w.guildId !== undefined) q = q.where('guild_id', '=', w.guildId);
    return q;
  };

  return {
    dialect,
    location,

    async insert(batch: RecordBatch) {
      if (batch.questions.length + batch.feedback.length + batch.picks.length === 0) return;
      await write(async (tx) => {
        for (const rows of chunks(batch.questions)) {
          await tx
            .insertInto('questions')
            .values(
              rows.map((q) => ({
                asked_at: iso(q.at),
                source: q.source,
                guild_id: q.guildId,
                question: cut(q.question),
                status: q.status,
                top_entry_id: q.topEntryId,
                confidence: q.confidence,
                suggestion_ids: JSON.stringify(q.suggestionIds),
              })),
            )
            .execute();
        }
        for (const rows of chunks(batch.feedback)) {
          await tx
            .insertInto('feedback')
            .values(
              rows.map((f) => ({
                at: iso(f.at),
                guild_id: f.guildId,
                entry_id: f.entryId,
                helpful: f.helpful ? 1 : 0,
                question: f.question === null ? null : cut(f.question),
                confidence: f.confidence,
              })),
            )
            .execute();
        }
        for (const rows of chunks(batch.picks)) {
          await tx
            .insertInto('picks')
            .values(
              rows.map((p) => ({
                at: iso(p.at),
                guild_id: p.guildId,
                menu: p.menu,
                question: cut(p.question),
                entry_id: p.entryId,
              })),
            )
            .execute();
        }
      });
    },

    async deleteOlderThan(cutoff: Date): Promise<Deleted> {
      const before = iso(cutoff);
      return write(async (tx) => {
        const q = await tx.deleteFrom('questions').where('asked_at', '<', before).executeTakeFirst();
        const f = await tx.deleteFrom('feedback').where('at', '<', before).executeTakeFirst();
        const p = await tx.deleteFrom('picks').where('at', '<', before).executeTakeFirst();
        return {
          questions: Number(q.numDeletedRows),
          feedback: Number(f.numDeletedRows),
          picks: Number(p.numDeletedRows),
        };
      });
    },

    async dailyCounts(w: Window): Promise<DailyCount[]> {
      const rows = await within('questions', 'asked_at', w)
        .select([
          sql<string>`substr(asked_at, 1, 10)`.as('day'),
          'source',
          'status',
          sql<string | number>`count(*)`.as('n'),
        ])
        .groupBy([sql`substr(asked_at, 1, 10)`, 'source', 'status'])
        .orderBy('day')
        .execute();
      return rows.map((r) => ({
        day: r.day,
        source: r.source as QuestionSource,
        status: r.status as QuestionStatus,
        count: Number(r.n),
      }));
    },

    async unanswered(w: Window): Promise<UnansweredRow[]> {
      const rows = await within('questions', 'asked_at', w)
        .select(['question', 'asked_at', 'status', 'top_entry_id', 'suggestion_ids'])
        .where('status', '!=', 'answered')
        .orderBy('asked_at')
        .execute();
      return rows.map((r) => ({
        question: r.question,
        at: new Date(r.asked_at),
        status: r.status as UnansweredRow['status'],
        topEntryId: r.top_entry_id,
        suggestionIds: parseIds(r.suggestion_ids),
      }));
    },

    async feedbackCounts(w: Window): Promise<FeedbackCount[]> {
      const rows = await within('feedback', 'at', w)
        .select([
          sql<string>`entry_id`.as('entry_id'),
          sql<number>`helpful`.as('helpful'),
          sql<string | null>`question`.as('question'),
          sql<string | number>`count(*)`.as('n'),
        ])
        .groupBy(['entry_id', 'helpful', 'question'])
        .orderBy('entry_id')
        .execute();
      return rows.map((r) => ({
        entryId: r.entry_id,
        helpful: Number(r.helpful) === 1,
        question: r.question,
        count: Number(r.n),
      }));
    },

    async pickCounts(w: Window): Promise<PickCount[]> {
      const rows = await within('picks', 'at', w)
        .select([
          sql<string>`menu`.as('menu'),
          sql<string>`question`.as('question'),
          sql<string>`entry_id`.as('entry_id'),
          sql<string | number>`count(*)`.as('n'),
          sql<string>`max(at)`.as('last_at'),
        ])
        .groupBy(['menu', 'question', 'entry_id'])
        .execute();
      return rows.map((r) => ({
        menu: r.menu as PickMenu,
        question: r.question,
        entryId: r.entry_id,
        count: Number(r.n),
        lastAt: new Date(r.last_at),
      }));
    },

    async reachedEntryIds(w: Window): Promise<string[]> {
      const answered = within('questions', 'asked_at', w)
        .select(sql<string>`top_entry_id`.as('id'))
        .where('status', '=', 'answered')
        .where('top_entry_id', 'is not', null);
      const clicked = within('feedback', 'at', w).select(sql<string>`entry_id`.as('id'));
      const picked = within('picks', 'at', w).select(sql<string>`entry_id`.as('id'));
      const rows = await answered.union(clicked).union(picked).execute();
      return rows.map((r) => r.id).sort();
    },

    async guildSettings(guildId: string): Promise<StoredGuildSettings | undefined> {
      const row = await conn
        .db()
        .selectFrom('guild_settings')
        .selectAll()
        .where('guild_id', '=', guildId)
        .executeTakeFirst();
      if (!row) return undefined;
      const recordQuestions = RECORD_OVERRIDES.find((m) => m === row.record_questions);
      return {
        questionChannelIds: parseIds(row.question_channel_ids),
        privateDefault: Number(row.private_default) === 1,
        ...(recordQuestions ? { recordQuestions } : {}),
        ...(row.cooldown_questions !== null && row.cooldown_seconds !== null
          ? { cooldown: { questions: Number(row.cooldown_questions), seconds: Number(row.cooldown_seconds) } }
          : {}),
      };
    },

    async saveGuildSettings(guildId: string, settings: StoredGuildSettings): Promise<void> {
      const values = {
        question_channel_ids: JSON.stringify(settings.questionChannelIds),
        private_default: settings.privateDefault ? 1 : 0,
        record_questions: settings.recordQuestions ?? null,
        cooldown_questions: settings.cooldown?.questions ?? null,
        cooldown_seconds: settings.cooldown?.seconds ?? null,
        updated_at: iso(new Date()),
      };
      await write((tx) =>
        tx
          .insertInto('guild_settings')
          .values({ guild_id: guildId, ...values })
          .onConflict((oc) => oc.column('guild_id').doUpdateSet(values))
          .execute(),
      );
    },

    async anyQuestionChannels(): Promise<boolean> {
      const row = await conn
        .db()
        .selectFrom('guild_settings')
        .select('guild_id')
        .where('question_channel_ids', '!=', '[]')
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    async forgetGuild(guildId: string) {
      return write(async (tx) => {
        const s = await tx.deleteFrom('guild_settings').where('guild_id', '=', guildId).executeTakeFirst();
        const q = await tx.deleteFrom('questions').where('guild_id', '=', guildId).executeTakeFirst();
        const f = await tx.deleteFrom('feedback').where('guild_id', '=', guildId).executeTakeFirst();
        const p = await tx.deleteFrom('picks').where('guild_id', '=', guildId).executeTakeFirst();
        return {
          settings: Number(s.numDeletedRows),
          questions: Number(q.numDeletedRows),
          feedback: Number(f.numDeletedRows),
          picks: Number(p.numDeletedRows),
        };
      });
    },

    close: () => conn.close(),
  };

  /** One transaction; after a failure the connection is recovered so the next write starts clean. */
  async function write<T>(work: (tx: Kysely<StoreSchema>) => Promise<T>): Promise<T> {
    try {
      return await conn.db().transaction().execute(work);
    } catch (error) {
      conn.recover?.();
      throw error;
    }
  }
}

function* chunks<T>(rows: T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) yield rows.slice(i, i + ROWS_PER_INSERT);
}

function cut(text: string): string {
  const chars = Array.from(text);
  return chars.length <= QUESTION_MAX ? text : chars.slice(0, QUESTION_MAX).join('');
}

function parseIds(json: string): string[] {
  try {
    const ids: unknown = JSON.parse(json);
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}
