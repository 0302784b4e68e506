import type { Kysely } from 'kysely';
import { kyselyStore } from './kysely-store.ts';
import { migrate } from './migrations.ts';
import type { Store } from './types.ts';

export interface StoreSettings {
  /** SQLite's folder (DATA_DIR, default ./data). */
  dataDir: string;
  /** postgres://... switches to PostgreSQL. */
  databaseUrl?: string;
}

/** Opens the configured store and brings its schema up to date. Throws if the database cannot be reached. */
export async function openStore(settings: StoreSettings): Promise<Store & { migrated: string[] }> {
  // Loaded on demand: a bot on SQLite never loads the PostgreSQL driver, and the reverse (less memory, faster start).
  const conn = settings.databaseUrl
    ? (await import('./postgres.ts')).openPostgres(settings.databaseUrl)
    : (await import('./sqlite.ts')).openSqlite(settings.dataDir);
  try {
    const migrated = await migrate(conn.db() as Kysely<unknown>);
    return Object.assign(kyselyStore(conn), { migrated });
  } catch (error) {
    await conn.close().catch(() => undefined);
    throw error;
  }
}
