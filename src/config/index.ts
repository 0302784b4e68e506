import dotenv from 'dotenv';
import { z } from 'zod';
import { RECORD_MODES, type RecordMode } from '../store/recorder.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The bot's configuration, read from the environment (and `.env`). See `.env.example`. */
export interface Config {
  discordToken?: string;
  /** The application id (Developer Portal > General Information). */
  clientId?: string;
  /** When set, commands are registered in this guild only (instant updates while developing). */
  guildId?: string;
  /** REST base URL, e.g. a local Discord-compatible server; unset means Discord itself. */
  apiBase?: string;
  logLevel: LogLevel;
  logPretty: boolean;
  knowledgeDir: string;
  /** Channels where every confident answer to a question is posted (needs the MessageContent intent). */
  askChannelIds: string[];
  /** Per-user cooldown: at most `questions` questions in `seconds`. */
  cooldown: { questions: number; seconds: number };
  /** Shards for `npm run start:sharded` (a number: 'auto' would ask discord.com, ignoring DISCORD_API_BASE). */
  shardCount: number;
  /** The shards this host runs (`SHARD_LIST`, e.g. [0, 1] of 4); undefined: all of them. */
  shardList?: number[];
  /** HTTP interactions endpoint (`npm run start:http`): port and the application's Ed25519 public key (hex). */
  httpPort: number;
  publicKey?: string;
  /** Optional health endpoint in gateway mode. */
  healthPort?: number;
  /** Where the SQLite store lives (DATA_DIR/oxytocin-bot.sqlite). */
  dataDir: string;
  /** postgres://... : the store is PostgreSQL instead of SQLite. */
  databaseUrl?: string;
  /** What is recorded: all questions, only unanswered ones (plus feedback and picks), or nothing. */
  recordQuestions: RecordMode;
  /** Records older than this are deleted at start-up and once a day. */
  retentionDays: number;
}

/** A configuration problem, worded as one line that names the variable and how to fix it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id: 17-20 digits');
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
    schema.optional(),
  );

const envSchema = z.object({
  DISCORD_TOKEN: optional(
    z
      .string()
      .regex(/^[\w.-]{20,}$/, 'does not look like a bot token (Developer Portal > Bot > Reset Token)'),
  ),
  DISCORD_CLIENT_ID: optional(snowflake),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_API_BASE: optional(
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:3000/api' }),
  ),
  LOG_LEVEL: optional(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })),
  LOG_PRETTY: optional(z.enum(['0', '1', 'true', 'false'], { error: 'must be 1 or 0' })),
  KNOWLEDGE_DIR: optional(z.string()),
  ASK_CHANNEL_IDS: optional(
    z.string().regex(/^\d{17,20}(\s*,\s*\d{17,20})*$/, 'must be channel ids separated by commas'),
  ),
  COOLDOWN_QUESTIONS: optional(z.coerce.number().int().min(1).max(1000)),
  COOLDOWN_SECONDS: optional(z.coerce.number().int().min(1).max(3600)),
  SHARD_COUNT: optional(
    z.coerce.number({ error: 'must be a number of shards such as 2' }).int().min(1).max(1000),
  ),
  SHARD_LIST: optional(
    z.string().regex(/^\d+(\s*,\s*\d+)*$/, 'must be shard ids separated by commas, such as 0,1'),
  ),
  HTTP_PORT: optional(z.coerce.number().int().min(1).max(65535)),
  DISCORD_PUBLIC_KEY: optional(
    z
      .string()
      .regex(
        /^[0-9a-fA-F]{64}$/,
        'must be 64 hex characters (Developer Portal > General Information > Public Key)',
      ),
  ),
  HEALTH_PORT: optional(z.coerce.number().int().min(1).max(65535)),
  DATA_DIR: optional(z.string()),
  DATABASE_URL: optional(
    z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a PostgreSQL URL such as postgres://user:pass@host/db'),
  ),
  RECORD_QUESTIONS: optional(z.enum(RECORD_MODES, { error: `must be one of ${RECORD_MODES.join(', ')}` })),
  RETENTION_DAYS: optional(
    z.coerce.number({ error: 'must be a number of days such as 90' }).int().min(1).max(3650),
  ),
});

let dotenvLoaded = false;

/** Reads `.env` (once; real environment variables win) and returns the process environment. */
export function readEnv(): NodeJS.ProcessEnv {
  if (!dotenvLoaded) {
    dotenv.config({ quiet: true });
    dotenvLoaded = true;
  }
  return process.env;
}

/**
 * Validates the environment. Throws a ConfigError whose message is one line naming the variable.
 * `require` lists the settings the caller cannot run without.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = readEnv(),
  { require = [] }: { require?: ('DISCORD_TOKEN' | 'DISCORD_CLIENT_ID' | 'DISCORD_PUBLIC_KEY')[] } = {},
): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(`Invalid ${name}: ${issue?.message}. Fix it in .env (see .env.example).`);
  }
  const e = parsed.data;
  for (const name of require) {
    if (!e[name]) throw new ConfigError(missingMessage(name));
  }
  const shardCount = e.SHARD_COUNT ?? 2;
  return {
    discordToken: e.DISCORD_TOKEN,
    clientId: e.DISCORD_CLIENT_ID,
    guildId: e.DISCORD_GUILD_ID,
    apiBase: e.DISCORD_API_BASE?.replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL ?? 'info',
    logPretty: e.LOG_PRETTY === '1' || e.LOG_PRETTY === 'true',
    knowledgeDir: e.KNOWLEDGE_DIR ?? './knowledge',
    askChannelIds: e.ASK_CHANNEL_IDS ? e.ASK_CHANNEL_IDS.split(',').map((id) => id.trim()) : [],
    cooldown: { questions: e.COOLDOWN_QUESTIONS ?? 5, seconds: e.COOLDOWN_SECONDS ?? 30 },
    shardCount,
    shardList: e.SHARD_LIST === undefined ? undefined : shardList(e.SHARD_LIST, shardCount),
    httpPort: e.HTTP_PORT ?? 8080,
    publicKey: e.DISCORD_PUBLIC_KEY?.toLowerCase(),
    healthPort: e.HEALTH_PORT,
    dataDir: e.DATA_DIR ?? './data',
    databaseUrl: e.DATABASE_URL,
    recordQuestions: e.RECORD_QUESTIONS ?? 'all',
    retentionDays: e.RETENTION_DAYS ?? 90,
  };
}

/** SHARD_LIST as ids, each below SHARD_COUNT and listed once. */
function shardList(value: string, shardCount: number): number[] {
  const ids = value.split(',').map((id) => Number(id.trim()));
  const outside = ids.find((id) => id >= shardCount);
  if (outside !== undefined)
    throw new ConfigError(
      `Invalid SHARD_LIST: shard ${outside} does not exist with SHARD_COUNT=${shardCount} (ids run from 0 to ${shardCount - 1}). Fix it in .env (see .env.example).`,
    );
  if (new Set(ids).size !== ids.length)
    throw new ConfigError('Invalid SHARD_LIST: a shard is listed twice. Fix it in .env (see .env.example).');
  return ids;
}

function missingMessage(name: string): string {
  if (name === 'DISCORD_PUBLIC_KEY') {
    return 'DISCORD_PUBLIC_KEY is not set: copy it from Developer Portal > General Information > Public Key into .env (see .env.example).';
  }
  if (name === 'DISCORD_TOKEN') {
    return 'DISCORD_TOKEN is not set: copy .env.example to .env and paste your bot token (Developer Portal > Bot), or try the bot locally with `npm run demo`.';
  }
  return `${name} is not set: copy .env.example to .env and fill it in (Developer Portal > General Information > Application ID).`;
}
