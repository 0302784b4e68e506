import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIApplicationCommand, APIMessage, APIUser } from 'discord.js';
import { InteractionActions } from './actions.ts';
import { CommandRegistry } from './commands.ts';
import { FaultInjector } from './faults.ts';
import { DEFAULT_APPLICATION_ID, Fixtures } from './fixtures.ts';
import { Gateway, type GatewaySessionInfo, Intent, type ShardFilter } from './gateway.ts';
import { InteractionStore } from './interactions.ts';
import { RequestLog, ViolationLog } from './log.ts';
import { MessageStore } from './messages.ts';
import { guildCreateJson, memberJson, messageCreateJson } from './payloads.ts';
import { BotPermissions } from './permissions.ts';
import { createRestHandler } from './rest.ts';
import { allRoutes } from './routes/index.ts';
import { MessageFlag } from './rules/index.ts';
import { shardForGuild } from './snowflake.ts';
import type { SimState } from './state.ts';
import type {
  ActorOptions,
  AutocompleteView,
  Fault,
  MessageRef,
  MessageView,
  RecordedRequest,
  ResolvedOptions,
  ResponseView,
  SendMessageOptions,
  SimChannel,
  SimGuild,
  SimulatorOptions,
  SlashAck,
  SlashOptionValue,
  Violation,
} from './types.ts';
import { MessageActions } from './user-messages.ts';
import { messageView } from './views.ts';

function resolveOptions(options: SimulatorOptions): ResolvedOptions {
  return {
    token: options.token,
    applicationId: options.applicationId ?? DEFAULT_APPLICATION_ID,
    botUsername: options.botUsername ?? 'Oxytocin',
    shardCount: options.shardCount ?? 1,
    maxConcurrency: options.maxConcurrency ?? 1,
    guilds: options.guilds ?? 1,
    port: options.port ?? 0,
    ackDeadlineMs: options.ackDeadlineMs ?? 3000,
    tokenLifetimeMs: options.tokenLifetimeMs ?? 15 * 60_000,
    responseTimeoutMs: options.responseTimeoutMs ?? 10_000,
    quietMs: options.quietMs ?? 150,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    resumeBufferSize: options.resumeBufferSize ?? 1000,
    disallowedIntents: options.disallowedIntents ?? 0,
  };
}

/** Starts a Discord-compatible server on 127.0.0.1 (REST under `/api/v10`, gateway on the same port). */
export function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  return Simulator.start(options);
}

export class Simulator {
  private readonly options: ResolvedOptions;
  private readonly state: SimState;
  private readonly gateway: Gateway;
  private readonly actions: InteractionActions;
  private readonly userMessages: MessageActions;
  private readonly faults = new FaultInjector();
  private readonly requestLog = new RequestLog();
  private readonly violationLog = new ViolationLog();
  private readonly handler: ReturnType<typeof createRestHandler>;
  private server: Server | null = null;
  private boundPort = 0;
  private readonly gatewayConfig: { disallowedIntents: number };
  /** Guilds the bot was removed from: no longer sent on IDENTIFY. */
  private readonly removedGuilds = new Set<string>();

  static async start(options: SimulatorOptions): Promise<Simulator> {
    const simulator = new Simulator(resolveOptions(options));
    await simulator.listen();
    return simulator;
  }

  private constructor(options: ResolvedOptions) {
    this.options = options;
    const fixtures = new Fixtures(options);
    this.state = {
      options,
      fixtures,
      commands: new CommandRegistry(options.applicationId),
      interactions: new InteractionStore(options),
      messages: new MessageStore(),
      violations: this.violationLog,
      botPermissions: new BotPermissions(),
      origin: () => `http://127.0.0.1:${this.boundPort}`,
    };
    this.gatewayConfig = { disallowedIntents: options.disallowedIntents };
    const gatewayConfig = this.gatewayConfig;
    this.gateway = new Gateway({
      get disallowedIntents() {
        return gatewayConfig.disallowedIntents;
      },
      token: options.token,
      heartbeatIntervalMs: options.heartbeatIntervalMs,
      resumeBufferSize: options.resumeBufferSize,
      resumeUrl: () => this.gatewayUrl,
      ready: (session) => this.readyPayload(session),
      guildCreates: (session) =>
        this.guildsOf(session).map((guild) => guildCreateJson(guild, fixtures, session.intents)),
      guildMembers: () =>
        [fixtures.botUser, fixtures.user, fixtures.otherUser].map((user) => memberJson(user, true)),
    });
    this.actions = new InteractionActions(this.state, this.gateway);
    this.userMessages = new MessageActions(this.state, this.gateway);
    this.handler = createRestHandler({
      token: options.token,
      routes: allRoutes(this.state),
      faults: this.faults,
      requests: this.requestLog,
      violations: this.violationLog,
    });
    this.echoBotMessages();
  }

  get token(): string {
    return this.options.token;
  }

  get applicationId(): string {
    return this.options.applicationId;
  }

  get port(): number {
    return this.boundPort;
  }

  /** Pass as `rest: { api: sim.apiBase }` to discord.js. */
  get apiBase(): string {
    return `http://127.0.0.1:${this.boundPort}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.boundPort}`;
  }

  get guild(): SimGuild {
    return this.state.fixtures.guild;
  }

  get guilds(): SimGuild[] {
    return this.state.fixtures.guilds;
  }

  get channel(): SimChannel {
    return this.state.fixtures.channel;
  }

  get user(): APIUser {
    return this.state.fixtures.user;
  }

  get otherUser(): APIUser {
    return this.state.fixtures.otherUser;
  }

  get botUser(): APIUser {
    return this.state.fixtures.botUser;
  }

  /** The DM channel between the bot and a user (default `sim.user`). */
  dmChannel(user: APIUser = this.user): SimChannel {
    return this.state.fixtures.dmChannel(user.id);
  }

  /** The registered commands: global, or those of a guild. */
  commands(guildId?: string): APIApplicationCommand[] {
    return this.state.commands.list(guildId ?? null);
  }

  slash(
    name: string,
    subcommand?: string | null,
    values?: Record<string, SlashOptionValue>,
    options?: ActorOptions,
  ): Promise<ResponseView> {
    return this.actions.slash(name, subcommand, values, options);
  }

  /**
   * Load tests: sends a slash command like `slash()` and resolves as soon as the bot acknowledges it (or the
   * 3 s deadline passes), without waiting for edits or a quiet period. See `SlashAck`.
   */
  fireSlash(
    name: string,
    subcommand?: string | null,
    values?: Record<string, SlashOptionValue>,
    options?: ActorOptions,
  ): Promise<SlashAck> {
    return this.actions.fireSlash(name, subcommand, values, options);
  }

  autocomplete(
    name: string,
    subcommand: string | null | undefined,
    focusedOption: string,
    value: string,
    otherValues?: Record<string, SlashOptionValue>,
    options?: ActorOptions,
  ): Promise<AutocompleteView> {
    return this.actions.autocomplete(name, subcommand, focusedOption, value, otherValues, options);
  }

  clickButton(message: MessageRef, customId: string, options?: ActorOptions): Promise<ResponseView> {
    return this.actions.clickButton(message, customId, options);
  }

  chooseOption(
    message: MessageRef,
    customId: string,
    values: string[],
    options?: ActorOptions,
  ): Promise<ResponseView> {
    return this.actions.chooseOption(message, customId, values, options);
  }

  messageContextMenu(name: string, message: MessageRef, options?: ActorOptions): Promise<ResponseView> {
    return this.actions.messageContextMenu(name, message, options);
  }

  /** Submits a modal the bot showed, e.g. `sim.submitModal(await sim.slash('feedback'), { text: 'Great' })`. */
  submitModal(
    modal: ResponseView,
    values: Record<string, string | string[]>,
    options?: ActorOptions,
  ): Promise<ResponseView> {
    return this.actions.submitModal(modal, values, options);
  }

  sendMessage(content: string, options?: SendMessageOptions): Promise<ResponseView> {
    return this.userMessages.sendMessage(content, options);
  }

  /** Posts a user message without waiting for the bot (e.g. a target for `messageContextMenu`). */
  postMessage(content: string, options?: SendMessageOptions): APIMessage {
    return this.userMessages.postMessage(content, options).message;
  }

  /** A message as it is now (after edits), or undefined. */
  message(id: string): MessageView | undefined {
    const found = this.state.messages.get(id);
    return found ? messageView(this.state.messages, found) : undefined;
  }

  /** Non-deleted messages of a channel (default `sim.channel`), oldest first. */
  channelMessages(channelId: string = this.channel.id): MessageView[] {
    return this.state.messages
      .inChannel(channelId)
      .map((message) => messageView(this.state.messages, message));
  }

  /**
   * The bot's permissions in a guild channel (a bitfield, e.g. from discord.js `PermissionFlagsBits`), as if
   * its roles and the channel's overwrites came to that; `null` gives every permission back. Interactions in
   * the channel carry them as `app_permissions`, and the bot's channel messages there are checked against them.
   */
  setBotPermissions(channelId: string, permissions: bigint | null): void {
    this.state.botPermissions.set(channelId, permissions);
  }

  violations(): Violation[] {
    return this.violationLog.list();
  }

  clearViolations(): void {
    this.violationLog.clear();
  }

  requests(): RecordedRequest[] {
    return this.requestLog.list();
  }

  clearRequests(): void {
    this.requestLog.clear();
  }

  /** Answers the next `count` requests matching the pattern with the fault (e.g. 429 + Retry-After, or 500). */
  failNext(routePattern: string | RegExp, count: number, fault: Fault): void {
    this.faults.add(routePattern, count, fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Closes gateway sockets with `code`, or destroys them without a close frame when no code is given. */
  dropGateway(options: ShardFilter & { code?: number } = {}): void {
    this.gateway.drop(options);
  }

  /** op 7 Reconnect: the client should reconnect and resume. */
  sendReconnect(options: ShardFilter = {}): void {
    this.gateway.sendReconnect(options);
  }

  /** op 9 Invalid Session: resumable or not (then the client must identify again). */
  sendInvalidSession(resumable: boolean, options: ShardFilter = {}): void {
    this.gateway.sendInvalidSession(resumable, options);
  }

  /**
   * The Developer Portal's privileged intent switches: intents the application may not use from now on (e.g.
   * `Intent.MessageContent`), or 0 to allow every one. Discord checks them at IDENTIFY and closes with 4014.
   */
  setDisallowedIntents(intents: number): void {
    this.gatewayConfig.disallowedIntents = intents;
  }

  /**
   * The bot was removed from a guild (kicked, banned, or the guild deleted): GUILD_DELETE without
   * `unavailable`, as Discord sends it. Later sessions no longer receive the guild. Returns the sessions told.
   */
  removeBotFromGuild(guildId: string = this.guild.id): number {
    this.removedGuilds.add(guildId);
    return this.gateway.dispatch(guildId, 'GUILD_DELETE', (session) =>
      (session.intents & Intent.Guilds) === 0 ? null : { id: guildId },
    );
  }

  /** A guild outage: GUILD_DELETE with `unavailable: true` (the bot is still a member). */
  guildOutage(guildId: string = this.guild.id): number {
    return this.gateway.dispatch(guildId, 'GUILD_DELETE', (session) =>
      (session.intents & Intent.Guilds) === 0 ? null : { id: guildId, unavailable: true },
    );
  }

  gatewaySessions(): GatewaySessionInfo[] {
    return this.gateway.sessionsInfo();
  }

  /** Resolves once a gateway session exists for the guild's shard (default `sim.guild`). */
  waitForGateway(
    guildId: string | null = this.guild.id,
    timeoutMs = this.options.responseTimeoutMs,
  ): Promise<void> {
    return this.gateway.waitForShard(guildId, timeoutMs);
  }

  /**
   * Simulates an outage: every connection is cut and the server stops, then it listens again on the
   * same port. Gateway sessions survive, so clients resume unless `forgetSessions` is set.
   */
  async restart(options: { downtimeMs?: number; forgetSessions?: boolean } = {}): Promise<void> {
    this.gateway.disconnectAll(options.forgetSessions ?? false);
    await this.closeServer();
    if (options.downtimeMs) await new Promise((resolve) => setTimeout(resolve, options.downtimeMs));
    await this.listen(this.boundPort);
  }

  async stop(): Promise<void> {
    await this.gateway.close();
    await this.closeServer();
  }

  private async listen(port = this.options.port): Promise<void> {
    const server = createServer(this.handler);
    this.gateway.attach(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.boundPort = (server.address() as AddressInfo).port;
  }

  private async closeServer(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private guildsOf(session: GatewaySessionInfo): SimGuild[] {
    return this.guilds.filter(
      (guild) =>
        !this.removedGuilds.has(guild.id) && shardForGuild(guild.id, session.shardCount) === session.shardId,
    );
  }

  private readyPayload(session: GatewaySessionInfo): Record<string, unknown> {
    return {
      v: 10,
      user: { ...this.botUser, verified: true, mfa_enabled: false, email: null },
      guilds: this.guildsOf(session).map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.gatewayUrl,
      shard: [session.shardId, session.shardCount],
      application: { id: this.applicationId, flags: 0 },
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
      _trace: ['simulator'],
    };
  }

  /** Discord echoes the bot's own visible messages back through the gateway. */
  private echoBotMessages(): void {
    const { messages, fixtures } = this.state;
    const visible = (message: APIMessage) =>
      message.author.id === fixtures.botUser.id && ((message.flags ?? 0) & MessageFlag.Ephemeral) === 0;
    const dispatch = (
      type: string,
      message: APIMessage,
      payload: (guildId: string | null, channelType: number) => unknown,
    ) => {
      const channel = fixtures.channelById(message.channel_id);
      if (!channel || !visible(message)) return;
      const needed = channel.guildId ? Intent.GuildMessages : Intent.DirectMessages;
      const data = payload(channel.guildId, channel.type);
      this.gateway.dispatch(channel.guildId, type, (session) =>
        (session.intents & needed) === 0 ? null : data,
      );
    };
    messages.on('created', (message) =>
      dispatch('MESSAGE_CREATE', message, (guildId, type) => messageCreateJson(message, guildId, type)),
    );
    messages.on('updated', (message) =>
      dispatch('MESSAGE_UPDATE', message, (guildId, type) => messageCreateJson(message, guildId, type)),
    );
    messages.on('deleted', (message) =>
      dispatch('MESSAGE_DELETE', message, (guildId) => ({
        id: message.id,
        channel_id: message.channel_id,
        ...(guildId ? { guild_id: guildId } : {}),
      })),
    );
  }
}
