import type { Logger } from '../logger.ts';
import { openStore, type StoreSettings } from './open.ts';
import type { Store } from './types.ts';

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
  return {
    dialect: settings.databaseUrl ? 'postgres' : 'sqlite',
    location: settings.databaseUrl ? 'postgres' : settings.dataDir,
    insert: async (batch) => (await get()).insert(batch),
    deleteOlderThan: async (cutoff) => (await get()).deleteOlderThan(cutoff),
    dailyCounts: async (w) => (await get()).dailyCounts(w),
    unanswered: async (w) => (await get()).unanswered(w),
    feedbackCounts: async (w) => (await get()).feedbackCounts(w),
    pickCounts: async (w) => (await get()).pickCounts(w),
    reachedEntryIds: async (w) => (await get()).reachedEntryIds(w),
    guildSettings: async (id) => (await get()).guildSettings(id),
    saveGuildSettings: async (id, settings) => (await get()).saveGuildSettings(id, settings),
    anyQuestionChannels: async () => (await get()).anyQuestionChannels(),
    forgetGuild: async (id) => (await get()).forgetGuild(id),
    async close() {
      const store = opened ?? (await opening?.catch(() => undefined));
      await store?.close();
    },
  };
}
