import type { StoredGuildSettings } from '../store/types.ts';

export type { StoredGuildSettings as ServerSettings } from '../store/types.ts';

/** A server that never changed a setting: everything comes from the global configuration. */
export const DEFAULT_SERVER_SETTINGS: Readonly<StoredGuildSettings> = Object.freeze({
  questionChannelIds: [],
  privateDefault: false,
});

/** Bounds of `/oxytocin-admin cooldown`: at least one question a minute, at most 50 in 5 s. */
export const COOLDOWN_BOUNDS = {
  questions: { min: 1, max: 50 },
  seconds: { min: 5, max: 3600 },
} as const;

/** At most this many question channels per server (a bot that answers everywhere is noise). */
export const MAX_QUESTION_CHANNELS = 25;
