export { createSettingsCache, NO_SETTINGS, SETTINGS_TTL_MS, type SettingsCache } from './cache.ts';
export {
  COOLDOWN_BOUNDS,
  DEFAULT_SERVER_SETTINGS,
  MAX_QUESTION_CHANNELS,
  type ServerSettings,
} from './types.ts';
