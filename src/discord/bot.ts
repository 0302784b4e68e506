import { type Client, type ClientOptions, Events, type Interaction } from 'discord.js';
import packageJson from '../../package.json' with { type: 'json' };
import type { Engine } from '../engine/types.ts';
import type { KnowledgeBase } from '../knowledge/types.ts';
import type { Logger } from '../logger.ts';
import { type BotMetrics, createMetrics, timeReplies } from '../metrics/index.ts';
import { type KnowledgeHolder, knowledgeHolder } from '../reload/holder.ts';
import type { Reloader } from '../reload/reloader.ts';
import {
  createSettingsCache,
  DEFAULT_SERVER_SETTINGS,
  NO_SETTINGS,
  SETTINGS_TTL_MS,
  type SettingsCache,
} from '../settings/index.ts';
import { NO_RECORDER, type Recorder } from '../store/recorder.ts';
import type { Store } from '../store/types.ts';
import { createClient } from './client.ts';
import type { BotContext, Privacy } from './context.ts';
import { Cooldown } from './cooldown.ts';
import { commandMap } from './load-commands.ts';
import {
  DISALLOWED_INTENTS,
  MESSAGE_CONTENT_REFUSED,
  MESSAGE_CONTENT_SWITCH,
  type MessageContentControl,
  type MessageContentState,
} from './message-content.ts';
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
  /** The store: per-server settings (through a cache) and the /oxytocin-admin report. Default: none. */
  store?: Store;
  /** Default: a cache over `store`, or the defaults for every server when there is no store. */
  settings?: SettingsCache;
  /** Reloads the knowledge base for /oxytocin-admin reload. */
  reloader?: Reloader;
}

export interface BotOptions extends ContextOptions {
  token: string;
  apiBase?: string;
  /** Extra discord.js client options (tests pass a no-op identify throttler). */
  clientOptions?: Partial<ClientOptions>;
  /** How often to look for a first question channel added by another process (default 3 s). */
  intentCheckMs?: number;
}

export interface RunningBot {
  /** The client serving now: another one after identifying again with other intents. */
  readonly client: Client;
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
    settings:
      options.settings ??
      (options.store ? createSettingsCache({ store: options.store, logger: options.logger }) : NO_SETTINGS),
    server: DEFAULT_SERVER_SETTINGS,
    ...(options.store ? { store: options.store } : {}),
    ...(options.reloader ? { reloader: options.reloader } : {}),
  };
}

/** Routes interactions to the command modules and components with this context (shared by both modes). */
export function createBotRouter(context: BotContext): (interaction: Interaction) => Promise<void> {
  return createInteractionRouter(commandMap(context.kb), context);
}

/** Logs in and serves. Resolves once the client is ready; rejects if login fails. */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { logger } = options;
  let client: Client | undefined;
  let state: MessageContentState = 'off';
  let switching: Promise<MessageContentState> | undefined;
  let stopped = false;

  const control: MessageContentControl = {
    state: () => state,
    request() {
      if (state === 'on' || stopped) return Promise.resolve(state);
      switching ??= reconnect(true).finally(() => {
        switching = undefined;
      });
      return switching;
    },
  };
  const context: BotContext = { ...createBotContext(options), messageContent: control };
  const route = createBotRouter(context);
  context.metrics.watch({
    gateway: {
      shardPings: () => client?.ws.shards.map((shard): [number, number] => [shard.id, shard.ping]) ?? [],
      guilds: () => client?.guilds.cache.size ?? 0,
    },
  });

  /** One logged-in client, or 'refused' when Discord closed with 4014 (disallowed intents). */
  const open = async (messageContent: boolean): Promise<Client | 'refused'> => {
    const c = createClient({ apiBase: options.apiBase, messageContent, overrides: options.clientOptions });
    let refused = false;
    let isReady = false;
    const onMessage = createMessageHandler(c, context);
    const onInteraction = timeReplies(c.rest, context.metrics, route);
    c.on(Events.InteractionCreate, (interaction) => void onInteraction(interaction));
    c.on(Events.MessageCreate, (message) => void onMessage(message));
    c.on(Events.GuildDelete, (guild) => void forgetGuild(context, guild.id));
    c.on(Events.Error, (error) => logger.error({ err: error }, 'client error'));
    c.on(Events.Warn, (message) => logger.warn({ detail: message }, 'client warning'));
    c.on(Events.ShardError, (error, shardId) => {
      // A 4014 is reported once, by the caller, in one line naming the switch.
      if (!refused) logger.error({ err: error, shardId }, 'shard error');
    });
    c.on(Events.ShardDisconnect, (event, shardId) => {
      if (event.code === DISALLOWED_INTENTS) {
        refused = true;
        // Revoked while running: Discord will not take this session back, so carry on without the intent.
        if (isReady && c === client) {
          logger.warn({ code: event.code, setting: MESSAGE_CONTENT_SWITCH }, MESSAGE_CONTENT_REFUSED);
          state = 'refused';
          void reconnect(false);
        }
        return;
      }
      logger.warn({ code: event.code, shardId }, 'shard disconnected');
    });
    c.on(Events.ShardReconnecting, (shardId) => logger.info({ shardId }, 'shard reconnecting'));
    c.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, 'shard resumed'));
    const ready = new Promise<void>((resolve) => {
      c.once(Events.ClientReady, (r) => {
        logger.info(
          { tag: r.user.tag, guilds: r.guilds.cache.size, shards: r.ws.shards.size, messageContent },
          'ready',
        );
        resolve();
      });
    });
    try {
      await c.login(options.token);
    } catch (error) {
      c.removeAllListeners();
      await c.destroy();
      if (refused) return 'refused';
      throw error;
    }
    await ready;
    isReady = true;
    return c;
  };

  /** Logs in with the intent when wanted; on 4014 logs one line and logs in without it. */
  const connect = async (messageContent: boolean): Promise<void> => {
    if (messageContent) {
      const c = await open(true);
      if (c !== 'refused') {
        client = c;
        state = 'on';
        return;
      }
      logger.warn({ code: DISALLOWED_INTENTS, setting: MESSAGE_CONTENT_SWITCH }, MESSAGE_CONTENT_REFUSED);
      state = 'refused';
    }
    const c = await open(false);
    if (c === 'refused') throw new Error('Discord refused the intents the bot needs (close code 4014)');
    client = c;
  };

  /** Identifies again (a new session with other intents). Login failures are retried with backoff. */
  async function reconnect(messageContent: boolean): Promise<MessageContentState> {
    const old = client;
    client = undefined;
    if (old) {
      old.removeAllListeners();
      await old.destroy();
    }
    for (let attempt = 1; !stopped; attempt++) {
      try {
        await connect(messageContent);
        logger.info({ messageContent: state }, 'identified again');
        return state;
      } catch (error) {
        logger.error({ err: error, attempt }, 'could not log in again; retrying');
        await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * 2 ** attempt)));
      }
    }
    return state;
  }

  const wanted = context.askChannelIds.size > 0 || (await anyQuestionChannels(context));
  await connect(wanted);

  // Another process (a shard, a replica) may add the first question channel: look every few seconds.
  const timer = setInterval(() => {
    if (state !== 'off' || switching || stopped || !context.store) return;
    context.store.anyQuestionChannels().then(
      (any) => {
        if (!any || state !== 'off' || stopped) return;
        logger.info('a server has a question channel now: identifying again with the Message Content intent');
        void control.request();
      },
      () => undefined,
    );
  }, options.intentCheckMs ?? SETTINGS_TTL_MS);
  timer.unref();

  return {
    get client() {
      return client as Client;
    },
    context,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await switching?.catch(() => undefined);
      const c = client;
      if (!c) return;
      c.removeAllListeners();
      await c.destroy();
    },
  };
}

/** Whether some server has a question channel; false (logged) when the store cannot say within 2 s. */
async function anyQuestionChannels(ctx: BotContext): Promise<boolean> {
  if (!ctx.store) return false;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      ctx.store.anyQuestionChannels(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('no answer in 2000 ms')), 2000);
      }),
    ]);
  } catch (error) {
    ctx.logger.warn(
      { err: error },
      'could not read the question channels from the store; starting without the Message Content intent',
    );
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GUILD_DELETE for a server the bot left (discord.js emits GuildUnavailable, not GuildDelete, for an outage):
 * its settings and everything recorded from it go. Queued records are written first, so none outlive it.
 */
async function forgetGuild(ctx: BotContext, guildId: string): Promise<void> {
  try {
    await ctx.recorder.flush();
    const deleted = await ctx.settings.forget(guildId);
    ctx.logger.info({ guildId, ...deleted }, 'left a server: deleted its settings and records');
  } catch (error) {
    ctx.logger.error({ err: error, guildId }, 'left a server but could not delete its settings and records');
  }
}
