import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Client, type ClientOptions, Events } from 'discord.js';
import type { Engine } from '../engine/types.ts';
import type { KnowledgeBase } from '../knowledge/types.ts';
import type { Logger } from '../logger.ts';
import { createClient } from './client.ts';
import type { BotContext } from './context.ts';
import { Cooldown } from './cooldown.ts';
import { commandMap } from './load-commands.ts';
import { createMessageHandler } from './messages.ts';
import { createInteractionRouter } from './router.ts';

export interface BotOptions {
  token: string;
  kb: KnowledgeBase;
  engine: Engine;
  logger: Logger;
  apiBase?: string;
  askChannelIds?: string[];
  cooldown?: { questions: number; seconds: number };
  /** Extra discord.js client options (tests pass a no-op identify throttler). */
  clientOptions?: Partial<ClientOptions>;
}

export interface RunningBot {
  client: Client;
  context: BotContext;
  stop(): Promise<void>;
}

export const VERSION: string = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8'),
).version;

/** Logs in and serves. Resolves once the client is ready; rejects if login fails. */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { logger } = options;
  const askChannelIds = new Set(options.askChannelIds ?? []);
  const cooldown = options.cooldown ?? { questions: 5, seconds: 30 };
  const client = createClient({
    apiBase: options.apiBase,
    messageContent: askChannelIds.size > 0,
    overrides: options.clientOptions,
  });
  const context: BotContext = {
    kb: options.kb,
    engine: options.engine,
    logger,
    cooldown: new Cooldown(cooldown.questions, cooldown.seconds * 1000),
    version: VERSION,
    askChannelIds,
  };
  const onInteraction = createInteractionRouter(commandMap(options.kb), context);
  const onMessage = createMessageHandler(client, context);

  client.on(Events.InteractionCreate, (interaction) => void onInteraction(interaction));
  client.on(Events.MessageCreate, (message) => void onMessage(message));
  client.on(Events.Error, (error) => logger.error({ err: error }, 'client error'));
  client.on(Events.Warn, (message) => logger.warn({ detail: message }, 'client warning'));
  client.on(Events.ShardError, (error, shardId) => logger.error({ err: error, shardId }, 'shard error'));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.warn({ code: event.code, shardId }, 'shard disconnected'),
  );
  client.on(Events.ShardReconnecting, (shardId) => logger.info({ shardId }, 'shard reconnecting'));
  client.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, 'shard resumed'));

  const ready = new Promise<void>((resolve) => {
    client.once(Events.ClientReady, (c) => {
      logger.info({ tag: c.user.tag, guilds: c.guilds.cache.size, shards: c.ws.shards.size }, 'ready');
      resolve();
    });
  });
  try {
    await client.login(options.token);
  } catch (error) {
    await client.destroy();
    throw error;
  }
  await ready;
  return {
    client,
    context,
    stop: async () => {
      client.removeAllListeners();
      await client.destroy();
    },
  };
}
