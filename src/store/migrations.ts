import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';

/**
 * Versioned migrations, applied in name order at start-up and recorded in `kysely_migration`. Append new ones;
 * never edit or remove a released one (that is how upgrading keeps every row). Each works on SQLite and on
 * PostgreSQL alike.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_question_log': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('questions')
        .ifNotExists()
        .addColumn('asked_at', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('guild_id', 'text')
        .addColumn('question', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('top_entry_id', 'text')
        .addColumn('confidence', 'real', (c) => c.notNull())
        .addColumn('suggestion_ids', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
      await db.schema
        .createIndex('questions_asked_at')
        .ifNotExists()
        .on('questions')
        .columns(['asked_at'])
        .execute();
      await db.schema
        .createTable('feedback')
        .ifNotExists()
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('guild_id', 'text')
        .addColumn('entry_id', 'text', (c) => c.notNull())
        .addColumn('helpful', 'integer', (c) => c.notNull())
        .addColumn('question', 'text')
        .addColumn('confidence', 'real', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('feedback_at').ifNotExists().on('feedback').columns(['at']).execute();
      await db.schema
        .createTable('picks')
        .ifNotExists()
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('guild_id', 'text')
        .addColumn('menu', 'text', (c) => c.notNull())
        .addColumn('question', 'text', (c) => c.notNull())
        .addColumn('entry_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('picks_at').ifNotExists().on('picks').columns(['at']).execute();
    },
  },
  '0002_guild_settings': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('guild_settings')
        .ifNotExists()
        .addColumn('guild_id', 'text', (c) => c.primaryKey())
        .addColumn('question_channel_ids', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('private_default', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('record_questions', 'text')
        .addColumn('cooldown_questions', 'integer')
        .addColumn('cooldown_seconds', 'integer')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // Forgetting a server deletes its recorded rows by guild.
      await db.schema
        .createIndex('questions_guild_id')
        .ifNotExists()
        .on('questions')
        .columns(['guild_id'])
        .execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Applies every pending migration; returns the names applied now. Throws with the failing one's error. */
export async function migrate(db: Kysely<unknown>): Promise<string[]> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
