import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';

describe('config', () => {
  it('applies defaults when only optional values are missing', () => {
    expect(loadConfig({})).toEqual({
      discordToken: undefined,
      clientId: undefined,
      guildId: undefined,
      apiBase: undefined,
      logLevel: 'info',
      logPretty: false,
      knowledgeDir: './knowledge',
      askChannelIds: [],
      cooldown: { questions: 5, seconds: 30 },
      shardCount: 2,
      shardList: undefined,
      httpPort: 8080,
      publicKey: undefined,
      healthPort: undefined,
      dataDir: './data',
      databaseUrl: undefined,
      recordQuestions: 'all',
      retentionDays: 90,
    });
  });

  it('reads the store settings, and refuses a bad RECORD_QUESTIONS, RETENTION_DAYS or DATABASE_URL', () => {
    expect(
      loadConfig({
        DATA_DIR: '/var/lib/oxytocin',
        DATABASE_URL: 'postgres://bot:secret@db:5432/oxytocin',
        RECORD_QUESTIONS: 'unanswered',
        RETENTION_DAYS: '30',
      }),
    ).toMatchObject({
      dataDir: '/var/lib/oxytocin',
      databaseUrl: 'postgres://bot:secret@db:5432/oxytocin',
      recordQuestions: 'unanswered',
      retentionDays: 30,
    });
    expect(() => loadConfig({ RECORD_QUESTIONS: 'some' })).toThrow(
      'Invalid RECORD_QUESTIONS: must be one of all, unanswered, off. Fix it in .env (see .env.example).',
    );
    expect(() => loadConfig({ RETENTION_DAYS: '0' })).toThrow(/^Invalid RETENTION_DAYS/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(
      /^Invalid DATABASE_URL: must be a PostgreSQL URL/,
    );
  });

  it('reads and trims every variable', () => {
    const config = loadConfig({
      DISCORD_TOKEN: ` ${TOKEN} `,
      DISCORD_CLIENT_ID: '123456789012345678',
      DISCORD_GUILD_ID: '223456789012345678',
      DISCORD_API_BASE: 'http://127.0.0.1:3000/api/',
      LOG_LEVEL: 'debug',
      LOG_PRETTY: '1',
      KNOWLEDGE_DIR: 'kb',
      ASK_CHANNEL_IDS: '323456789012345678, 423456789012345678',
      COOLDOWN_QUESTIONS: '3',
      COOLDOWN_SECONDS: '10',
    });
    expect(config).toMatchObject({
      discordToken: TOKEN,
      clientId: '123456789012345678',
      guildId: '223456789012345678',
      apiBase: 'http://127.0.0.1:3000/api',
      logLevel: 'debug',
      logPretty: true,
      knowledgeDir: 'kb',
      askChannelIds: ['323456789012345678', '423456789012345678'],
      cooldown: { questions: 3, seconds: 10 },
    });
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ DISCORD_GUILD_ID: '', LOG_LEVEL: '  ' })).toMatchObject({
      guildId: undefined,
      logLevel: 'info',
    });
  });

  it.each([
    ['DISCORD_CLIENT_ID', 'abc', /^Invalid DISCORD_CLIENT_ID: must be a Discord id/],
    ['DISCORD_GUILD_ID', '12', /^Invalid DISCORD_GUILD_ID: must be a Discord id/],
    ['DISCORD_API_BASE', 'not a url', /^Invalid DISCORD_API_BASE: must be an http\(s\) URL/],
    ['LOG_LEVEL', 'loud', /^Invalid LOG_LEVEL: must be one of fatal, error/],
    ['DISCORD_TOKEN', 'short', /^Invalid DISCORD_TOKEN: does not look like a bot token/],
    ['ASK_CHANNEL_IDS', 'general', /^Invalid ASK_CHANNEL_IDS: must be channel ids separated by commas/],
    ['COOLDOWN_SECONDS', '0', /^Invalid COOLDOWN_SECONDS/],
  ])('rejects an invalid %s with one line naming it', (name, value, message) => {
    const attempt = () => loadConfig({ [name]: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
      expect((error as Error).message).toContain('.env.example');
    }
  });

  it('reads SHARD_LIST as the shards this host runs, and refuses ids outside SHARD_COUNT, repeats or junk', () => {
    expect(loadConfig({ SHARD_COUNT: '4', SHARD_LIST: ' 0, 1 ' }).shardList).toEqual([0, 1]);
    expect(loadConfig({ SHARD_COUNT: '4', SHARD_LIST: '' }).shardList).toBeUndefined();
    expect(() => loadConfig({ SHARD_COUNT: '4', SHARD_LIST: '2,4' })).toThrow(
      new ConfigError(
        'Invalid SHARD_LIST: shard 4 does not exist with SHARD_COUNT=4 (ids run from 0 to 3). Fix it in .env (see .env.example).',
      ),
    );
    expect(() => loadConfig({ SHARD_LIST: '1' })).not.toThrow();
    expect(() => loadConfig({ SHARD_LIST: '2' })).toThrow(/shard 2 does not exist with SHARD_COUNT=2/);
    expect(() => loadConfig({ SHARD_COUNT: '4', SHARD_LIST: '1,1' })).toThrow(/listed twice/);
    expect(() => loadConfig({ SHARD_COUNT: '4', SHARD_LIST: 'auto' })).toThrow(
      'Invalid SHARD_LIST: must be shard ids separated by commas, such as 0,1.',
    );
  });

  it('names a missing required variable and how to fix it', () => {
    expect(() => loadConfig({}, { require: ['DISCORD_TOKEN'] })).toThrow(
      /^DISCORD_TOKEN is not set: copy \.env\.example to \.env .*npm run demo/,
    );
    expect(() =>
      loadConfig({ DISCORD_TOKEN: TOKEN }, { require: ['DISCORD_TOKEN', 'DISCORD_CLIENT_ID'] }),
    ).toThrow(/^DISCORD_CLIENT_ID is not set/);
  });

  it('never puts an invalid token value in the error message', () => {
    const secretish = 'abc def'; // invalid: contains a space
    expect(() => loadConfig({ DISCORD_TOKEN: secretish })).toThrow(ConfigError);
    try {
      loadConfig({ DISCORD_TOKEN: secretish });
    } catch (error) {
      expect((error as Error).message).not.toContain(secretish);
    }
  });
});
