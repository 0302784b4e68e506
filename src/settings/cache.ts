import type { Logger } from '../logger.ts';
import type { Store, StoredGuildSettings } from '../store/types.ts';
import { DEFAULT_SERVER_SETTINGS, type ServerSettings } from './types.ts';

/** How long a server's settings are trusted before they are read again: other processes' changes show by then. */
export const SETTINGS_TTL_MS = 3000;

export interface SettingsCacheOptions {
  store: Store;
  logger: Logger;
  ttlMs?: number;
  /** A read slower than this serves the last known settings (or the defaults) instead of delaying a reply. */
  readTimeoutMs?: number;
  /** Servers kept in memory; the least recently used go first. */
  maxServers?: number;
  /** How often a failing database is logged. */
  logEveryMs?: number;
  now?: () => number;
}

/** Per-server settings for every handler, read through a short-lived cache. */
export interface SettingsCache {
  /** This server's settings (the defaults for a DM or a server that set nothing). Never throws. */
  get(guildId: string | null): Promise<ServerSettings>;
  /**
   * Reads the server's settings from the store (not the cache), applies `change` and saves the result, so two
   * processes changing different settings do not undo each other. Throws when the store fails.
   */
  update(guildId: string, change: (current: ServerSettings) => ServerSettings): Promise<ServerSettings>;
  /** Deletes the server's settings and recorded questions (the bot left it). Throws when the store fails. */
  forget(guildId: string): ReturnType<Store['forgetGuild']>;
}

interface Cached {
  settings: ServerSettings;
  readAt: number;
}

export function createSettingsCache(options: SettingsCacheOptions): SettingsCache {
  const {
    store,
    logger,
    ttlMs = SETTINGS_TTL_MS,
    readTimeoutMs = 1000,
    maxServers = 10_000,
    logEveryMs = 60_000,
    now = Date.now,
  } = options;
  const cache = new Map<string, Cached>();
  const reading = new Map<string, Promise<ServerSettings>>();
  let lastLog = Number.NEGATIVE_INFINITY;
  let unlogged = 0;

  const remember = (guildId: string, settings: ServerSettings) => {
    cache.delete(guildId);
    cache.set(guildId, { settings, readAt: now() });
    if (cache.size > maxServers) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
  };

  const read = (guildId: string): Promise<ServerSettings> => {
    let pending = reading.get(guildId);
    if (!pending) {
      pending = store
        .guildSettings(guildId)
        .then((stored) => {
          const settings = stored ?? DEFAULT_SERVER_SETTINGS;
          remember(guildId, settings);
          return settings;
        })
        .finally(() => reading.delete(guildId));
      reading.set(guildId, pending);
    }
    return pending;
  };

  const fallback = (guildId: string, error: unknown): ServerSettings => {
    unlogged++;
    if (now() - lastLog >= logEveryMs) {
      lastLog = now();
      logger.warn(
        { err: error, guildId, failures: unlogged },
        'could not read server settings; using the last known ones (or the defaults)',
      );
      unlogged = 0;
    }
    return cache.get(guildId)?.settings ?? DEFAULT_SERVER_SETTINGS;
  };

  return {
    async get(guildId) {
      if (guildId === null) return DEFAULT_SERVER_SETTINGS;
      const hit = cache.get(guildId);
      if (hit && now() - hit.readAt < ttlMs) return hit.settings;
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([
          read(guildId),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer in ${readTimeoutMs} ms`)), readTimeoutMs);
            timer.unref();
          }),
        ]);
      } catch (error) {
        return fallback(guildId, error);
      } finally {
        clearTimeout(timer);
      }
    },

    async update(guildId, change) {
      const current: StoredGuildSettings = (await store.guildSettings(guildId)) ?? DEFAULT_SERVER_SETTINGS;
      const next = change({ ...current, questionChannelIds: [...current.questionChannelIds] });
      await store.saveGuildSettings(guildId, next);
      remember(guildId, next);
      return next;
    },

    async forget(guildId) {
      const deleted = await store.forgetGuild(guildId);
      cache.delete(guildId);
      return deleted;
    },
  };
}

/** Settings for a bot with no store (tests, or a process that records nothing and has no database). */
export const NO_SETTINGS: SettingsCache = {
  get: async () => DEFAULT_SERVER_SETTINGS,
  update: async () => {
    throw new Error('server settings need the store (DATA_DIR or DATABASE_URL)');
  },
  forget: async () => ({ settings: 0, questions: 0, feedback: 0, picks: 0 }),
};
