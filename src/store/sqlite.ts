import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, type SqliteDatabase, SqliteDialect } from 'kysely';
import Database from 'libsql';
import type { Connection } from './kysely-store.ts';
import type { StoreSchema } from './schema.ts';
import { SQLITE_FILE } from './sqlite-file.ts';

export { SQLITE_FILE } from './sqlite-file.ts';

/**
 * How long a write waits for another process's write (the shards of `start:sharded` share the file). libsql
 * is synchronous, so this wait blocks the event loop: kept short, and a batch that still finds the file busy is
 * retried on the next flush instead.
 */
export const BUSY_TIMEOUT_MS = 250;

/**
 * `DATA_DIR/oxytocin-bot.sqlite` through libsql (better-sqlite3's API with prebuilt binaries), in WAL mode so
 * several processes on one host read and write it together.
 *
 * libsql has no way to reset a statement, and one that failed mid-write (SQLITE_BUSY, SQLITE_FULL) stays "in
 * progress": every later COMMIT on that connection would then fail. So after a failed write the file is
 * reopened (`recover`), which costs a millisecond and only happens while the database is in trouble.
 */
export function openSqlite(dataDir: string): Connection {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, SQLITE_FILE);
  let db = connect(file);
  return {
    dialect: 'sqlite',
    location: file,
    db: () => db,
    recover() {
      const broken = db;
      db = connect(file);
      void broken.destroy().catch(() => undefined);
    },
    close: () => db.destroy(),
  };
}

function connect(file: string): Kysely<StoreSchema> {
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // libsql's Database has the statement API Kysely's SqliteDialect uses (prepare, reader, all, run, iterate).
  return new Kysely<StoreSchema>({
    dialect: new SqliteDialect({ database: database as unknown as SqliteDatabase }),
  });
}
