import { randomBytes } from 'node:crypto';
import type { ClientOptions } from 'discord.js';
import { type BotOptions, type RunningBot, startBot } from '../discord/bot.ts';
import { deployCommands } from '../discord/deploy.ts';
import { commandDefinitions } from '../discord/load-commands.ts';
import type { Engine } from '../engine/types.ts';
import type { KnowledgeBase } from '../knowledge/types.ts';
import type { Logger } from '../logger.ts';
import { type Simulator, type SimulatorOptions, startSimulator } from '../simulator/index.ts';

/** Skips discord.js's ~5 s wait between identifies: there is no Discord to be polite to on loopback. */
export const NO_IDENTIFY_WAIT: Partial<ClientOptions> = {
  ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) },
};

export interface LocalStackOptions {
  kb: KnowledgeBase;
  engine: Engine;
  logger: Logger;
  simulator?: Partial<SimulatorOptions>;
  bot?: Partial<
    Pick<
      BotOptions,
      | 'askChannelIds'
      | 'cooldown'
      | 'clientOptions'
      | 'recorder'
      | 'privacy'
      | 'knowledge'
      | 'store'
      | 'settings'
      | 'reloader'
      | 'intentCheckMs'
      | 'metrics'
    >
  >;
}

export interface LocalStack {
  sim: Simulator;
  bot: RunningBot;
  token: string;
  /** Stops the bot and starts it again against the same simulator, optionally with other settings. */
  restartBot(overrides?: LocalStackOptions['bot']): Promise<RunningBot>;
  stop(): Promise<void>;
}

/**
 * The whole bot on this machine: the Discord-compatible simulator on loopback, the real bot logged in to it
 * with a generated token, and the commands registered in the simulator's guild. Used by `npm run demo` and
 * the end-to-end tests.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const token = `${randomBytes(18).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
  const sim = await startSimulator({ token, ...options.simulator });
  let botSettings = options.bot ?? {};
  const launch = () =>
    startBot({
      token,
      kb: options.kb,
      engine: options.engine,
      logger: options.logger,
      apiBase: sim.apiBase,
      ...botSettings,
      clientOptions: { ...NO_IDENTIFY_WAIT, ...botSettings.clientOptions },
    });
  let bot: RunningBot;
  try {
    bot = await launch();
    await deployCommands(
      { token, clientId: sim.applicationId, guildId: sim.guild.id, apiBase: sim.apiBase },
      commandDefinitions(options.kb),
    );
  } catch (error) {
    await sim.stop();
    throw error;
  }
  const stack: LocalStack = {
    sim,
    bot,
    token,
    async restartBot(overrides = {}) {
      botSettings = { ...botSettings, ...overrides };
      await stack.bot.stop();
      stack.bot = await launch();
      return stack.bot;
    },
    async stop() {
      await stack.bot.stop();
      await sim.stop();
    },
  };
  return stack;
}
