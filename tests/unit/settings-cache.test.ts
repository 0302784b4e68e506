import { describe, expect, it } from 'vitest';
import { createSettingsCache, DEFAULT_SERVER_SETTINGS } from '../../src/settings/index.ts';
import type { Store, StoredGuildSettings } from '../../src/store/types.ts';
import { captureLogs } from '../helpers/log-capture.ts';

/** The store methods the cache uses, over a map, counting reads; `failing` makes every call reject. */
function fakeStore() {
  const rows = new Map<string, StoredGuildSettings>();
  const state = { reads: 0, failing: false, slowMs: 0 };
  const guard = async () => {
    if (state.slowMs) await new Promise((r) => setTimeout(r, state.slowMs));
    if (state.failing) throw new Error('database is locked');
  };
  const store = {
    async guildSettings(id: string) {
      state.reads++;
      await guard();
      return rows.get(id);
    },
    async saveGuildSettings(id: string, s: StoredGuildSettings) {
      await guard();
      rows.set(id, s);
    },
    async forgetGuild(id: string) {
      await guard();
      const had = rows.delete(id);
      return { settings: had ? 1 : 0, questions: 0, feedback: 0, picks: 0 };
    },
  } as unknown as Store;
  return { store, rows, state };
}

describe('the server settings cache', () => {
  it('reads a server once per TTL, and sees a change made elsewhere after it', async () => {
    const { store, rows, state } = fakeStore();
    let now = 0;
    const cache = createSettingsCache({ store, logger: captureLogs().logger, ttlMs: 3000, now: () => now });
    expect(await cache.get('1')).toEqual(DEFAULT_SERVER_SETTINGS);
    await Promise.all([cache.get('1'), cache.get('1')]);
    expect(state.reads).toBe(1);
    rows.set('1', { questionChannelIds: ['9'], privateDefault: true }); // another process saved this
    now = 2999;
    expect((await cache.get('1')).privateDefault).toBe(false);
    now = 3000;
    expect(await cache.get('1')).toEqual({ questionChannelIds: ['9'], privateDefault: true });
    expect(state.reads).toBe(2);
    expect(await cache.get(null)).toEqual(DEFAULT_SERVER_SETTINGS);
  });

  it('update reads the store, not the cache, so changes from two processes do not undo each other', async () => {
    const { store, rows } = fakeStore();
    const cache = createSettingsCache({ store, logger: captureLogs().logger });
    await cache.get('1');
    rows.set('1', { questionChannelIds: ['9'], privateDefault: false }); // another process added a channel
    const saved = await cache.update('1', (s) => ({ ...s, privateDefault: true }));
    expect(saved).toEqual({ questionChannelIds: ['9'], privateDefault: true });
    expect(await cache.get('1')).toEqual(saved);
  });

  it('a failing or slow store serves the last known settings, logged once a minute; an update throws', async () => {
    const { store, rows, state } = fakeStore();
    const { lines, logger } = captureLogs();
    let now = 0;
    const cache = createSettingsCache({ store, logger, ttlMs: 1000, readTimeoutMs: 50, now: () => now });
    rows.set('1', { questionChannelIds: [], privateDefault: true });
    expect((await cache.get('1')).privateDefault).toBe(true);
    state.failing = true;
    now = 5000;
    expect((await cache.get('1')).privateDefault).toBe(true);
    expect(await cache.get('2')).toEqual(DEFAULT_SERVER_SETTINGS);
    state.failing = false;
    state.slowMs = 200;
    now = 10_000;
    expect((await cache.get('1')).privateDefault).toBe(true);
    const warned = lines.filter((l) => String(l.msg).startsWith('could not read server settings'));
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({ guildId: '1', failures: 1 });
    state.slowMs = 0;
    state.failing = true;
    await expect(cache.update('1', (s) => s)).rejects.toThrow('database is locked');
  });

  it('forget drops the server from the cache too', async () => {
    const { store, rows } = fakeStore();
    const cache = createSettingsCache({ store, logger: captureLogs().logger });
    rows.set('1', { questionChannelIds: ['9'], privateDefault: true });
    await cache.get('1');
    expect(await cache.forget('1')).toMatchObject({ settings: 1 });
    expect(await cache.get('1')).toEqual(DEFAULT_SERVER_SETTINGS);
  });
});
