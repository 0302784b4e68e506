import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  ContextMenuCommandBuilder,
  MessageContextMenuCommandInteraction,
  SlashCommandOptionsOnlyBuilder,
  SlashCommandSubcommandsOnlyBuilder,
} from 'discord.js';
import type { Engine } from '../engine/types.ts';
import type { KnowledgeBase } from '../knowledge/types.ts';
import type { Logger } from '../logger.ts';
import type { BotMetrics } from '../metrics/index.ts';
import type { KnowledgeHolder } from '../reload/holder.ts';
import type { Reloader } from '../reload/reloader.ts';
import type { ServerSettings, SettingsCache } from '../settings/index.ts';
import type { Recorder, RecordMode } from '../store/recorder.ts';
import type { Store } from '../store/types.ts';
import type { Cooldown } from './cooldown.ts';
import type { MessageContentControl } from './message-content.ts';

/**
 * What every handler may use. Built once at start-up; handlers keep no other state. `kb` and `engine` are the
 * pair serving when the interaction arrived: the router and the message handler take them from `knowledge`
 * (which a reload swaps) once per interaction, so a question in flight finishes on the pair it started with.
 */
export interface BotContext {
  kb: KnowledgeBase;
  engine: Engine;
  /** The live knowledge; read it only through `withCurrentKnowledge`. */
  knowledge: KnowledgeHolder;
  logger: Logger;
  cooldown: Cooldown;
  version: string;
  /** Channels where confident answers are posted to every question. */
  askChannelIds: ReadonlySet<string>;
  /** Where questions, feedback and picks go (queued; written off the reply path). */
  recorder: Recorder;
  /** What is recorded and for how long, for /oxytocin about. */
  privacy: Privacy;
  /** Prometheus metrics: counter updates only on the reply path. */
  metrics: BotMetrics;
  /** How interactions arrive: over the gateway, or as HTTP requests (recorded as source `http`). */
  transport: 'gateway' | 'http';
  /** Every server's own settings (/oxytocin-admin), cached briefly. */
  settings: SettingsCache;
  /**
   * The settings of the server this interaction or message came from, read once when it arrived (the router
   * and the message handler set it; the defaults in DMs).
   */
  server: ServerSettings;
  /** The store the report reads; absent when the bot has none. */
  store?: Store;
  /** Reloads the knowledge base now (/oxytocin-admin reload); absent when it is fixed. */
  reloader?: Reloader;
  /** The gateway's Message Content intent (question channels); absent in HTTP mode. */
  messageContent?: MessageContentControl;
}

export interface Privacy {
  recordQuestions: RecordMode;
  retentionDays: number;
}

/** The context for one interaction or message: the knowledge serving now, fixed for its whole handling. */
export function withCurrentKnowledge(ctx: BotContext): BotContext {
  const { kb, engine } = ctx.knowledge.current;
  return kb === ctx.kb && engine === ctx.engine ? ctx : { ...ctx, kb, engine };
}

type Definition =
  | SlashCommandSubcommandsOnlyBuilder
  | SlashCommandOptionsOnlyBuilder
  | ContextMenuCommandBuilder;

/**
 * A command module, as in the discord.js guide: its definition and its handler. `data` takes the knowledge base
 * because some choices (the categories of /oxytocin topics) are knowledge, not code.
 */
export interface CommandModule {
  data(kb: KnowledgeBase): Definition;
  execute(
    interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
    ctx: BotContext,
  ): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}
