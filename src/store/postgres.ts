import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Connection } from './kysely-store.ts';
import type { StoreSchema } from './schema.ts';

/** A pool over `DATABASE_URL`; short timeouts so an unreachable server fails a flush fast (it is retried). */
export function openPostgres(url: string): Connection {
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client whose server went away emits 'error' on the pool; without a listener it would crash.
  pool.on('error', () => undefined);
  const db = new Kysely<StoreSchema>({ dialect: new PostgresDialect({ pool }) });
  return { dialect: 'postgres', location: describeUrl(url), db: () => db, close: () => db.destroy() };
}

/** host:port/database, never the user or password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `postgres://${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'postgres://(unparsable url)';
  }
}
