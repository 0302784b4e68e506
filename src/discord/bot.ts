import { type Client, type ClientOptions, Events, type Interaction } from 'discord.js';
import packageJson from '../../package.json' with { type: 'json' };
import type { Engine } from '../engine/types.ts';
import type { KnowledgeBase } from '../knowledge/types.ts';
import type { Logger } from '../logger.ts';
import { type BotMetrics, createMetrics, timeReplies } from '../metrics/index.ts';
import { type KnowledgeHolder, knowledgeHolder } from '../reload/holder.ts';
import { NO_RECORDER, type Recorder } from '../store/recorder.ts';
import { createClient } from './client.ts';
import type { BotContext, Privacy } from './context.ts';
import { Cooldown } from './cooldown.ts';
import { commandMap } from './load-commands.ts';
import { createMessageHandler } from './messages.ts';
import { createInteractionRouter } from './router.ts';

/** What every handler shares, in gateway and HTTP mode alike. */
export interface ContextOptions {
  kb: KnowledgeBase;
  engine: Engine;
  logger: Logger;
  askChannelIds?: string[];
  cooldown?: { questions: number; seconds: number };
  /** The live knowledge (swapped by reloads); default: `kb` and `engine`, fixed. */
  knowledge?: KnowledgeHolder;
  /** Default: records nothing. */
  recorder?: Recorder;
  /** What /oxytocin about says is kept. Default: nothing recorded. */
  privacy?: Privacy;
  transport?: BotContext['transport'];
  /** Default: a registry of its own, without process metrics. */
  metrics?: BotMetrics;
}

export interface BotOptions extends ContextOptions {
  token: string;
  apiBase?: string;
  /** Extra discord.js client options (tests pass a no-op identify throttler). */
  clientOptions?: Partial<ClientOptions>;
}

export interface RunningBot {
  client: Client;
  context: BotContext;
  stop(): Promise<void>;
}

// Imported, not read from disk: the compiled bundle in dist/ carries it wherever it runs from.
export const VERSION: string = packageJson.version;

/** The context handlers receive. The gateway bot and the HTTP interactions endpoint both build it here. */
export function createBotContext(options: ContextOptions): BotContext {
  const cooldown = options.cooldown ?? { questions: 5, seconds: 30 };
  const knowledge =
    options.knowledge ??
    knowledgeHolder({ kb: options.kb, engine: options.engine, hash: '', loadedAt: new Date() });
  const recorder = options.recorder ?? NO_RECORDER;
  const metrics = options.metrics ?? createMetrics();
  metrics.watch({ knowledge, recorder });
  return {
    kb: options.kb,
    engine: options.engine,
    knowledge,
    logger: options.logger,
    cooldown: new Cooldown(cooldown.questions, cooldown.seconds * 1000),
    version: VERSION,
    askChannelIds: new Set(options.askChannelIds ?? []),
    recorder,
    privacy: options.privacy ?? { recordQuestions: 'off', retentionDays: 0 },
    transport: options.transport ?? 'gateway',
    metrics,
  };
}

/** Routes interactions to the command modules and components with this context (shared by both modes). */
export function createBotRouter(context: BotContext): (interaction: Interaction) => Promise<void> {
  return createInteractionRouter(commandMap(context.kb), context);
}

/** Logs in and serves. Resolves once the client is ready; rejects if login fails. */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { logger } = options;
  const context = createBotContext(options);
  const client = createClient({
    apiBase: options.apiBase,
    messageContent: context.askChannelIds.size > 0,
    overrides: options.clientOptions,
  });
  const onInteraction = timeReplies(client.rest, context.metrics, createBotRouter(context));
  context.metrics.watch({
    gateway: {
      shardPings: () => client.ws.shards.map((shard): [number, number] => [shard.id, shard.ping]),
      guilds: () => client.guilds.cache.size,
    },
  });
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
