import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../logger.ts';
import { openStore, type StoreSettings } from './open.ts';
import { SQLITE_FILE } from './sqlite-file.ts';
import type { Store, Window } from './types.ts';

/**
 * A store that opens (and migrates) on first use and, if the database cannot be reached then, tries again on
 * the next use. So the bot starts and answers even when the database is down at start-up; the recorder's
 * retries bring the records in once it is up.
 */
export function lazyStore(settings: StoreSettings, logger: Logger): Store {
  let opened: Store | undefined;
  let opening: Promise<Store> | undefined;
  const get = async (): Promise<Store> => {
    if (opened) return opened;
    opening ??= openStore(settings).then(
      (store) => {
        opened = store;
        logger.info(
          { store: store.dialect, location: store.location, migrated: store.migrated },
          'question store ready',
        );
        return store;
      },
      (error: unknown) => {
        opening = undefined;
        throw error;
      },
    );
    return opening;
  };
  // Until something is written, a SQLite file that does not exist holds nothing: reads answer empty without
  // creating it or loading libsql (about 8 MB of memory), so a bot that records nothing (RECORD_QUESTIONS=off,
  // no server settings saved) never opens a database. The file is looked for on each read, so one another
  // process created (a shard saving a setting) is opened then.
  const sqliteFile = settings.databaseUrl ? undefined : join(settings.dataDir, SQLITE_FILE);
  const empty = () => !opened && !opening && sqliteFile !== undefined && !existsSync(sqliteFile);
  const read =
    <A extends unknown[], R>(call: (store: Store, ...args: A) => Promise<R>, nothing: R) =>
    async (...args: A): Promise<R> =>
      empty() ? nothing : call(await get(), ...args);
  const none = { questions: 0, feedback: 0, picks: 0 };
  return {
    dialect: settings.databaseUrl ? 'postgres' : 'sqlite',
    location: settings.databaseUrl ? 'postgres' : settings.dataDir,
    insert: async (batch) => (await get()).insert(batch),
    deleteOlderThan: read((s, cutoff: Date) => s.deleteOlderThan(cutoff), none),
    dailyCounts: read((s, w: Window) => s.dailyCounts(w), []),
    unanswered: read((s, w: Window) => s.unanswered(w), []),
    feedbackCounts: read((s, w: Window) => s.feedbackCounts(w), []),
    pickCounts: read((s, w: Window) => s.pickCounts(w), []),
    reachedEntryIds: read((s, w: Window) => s.reachedEntryIds(w), []),
    guildSettings: read((s, id: string) => s.guildSettings(id), undefined),
    saveGuildSettings: async (id, settings) => (await get()).saveGuildSettings(id, settings),
    anyQuestionChannels: read((s) => s.anyQuestionChannels(), false),
    forgetGuild: read((s, id: string) => s.forgetGuild(id), { ...none, settings: 0 }),
    async close() {
      const store = opened ?? (await opening?.catch(() => undefined));
      await store?.close();
    },
  };
}
