import type {
  APIApplicationCommandOptionChoice,
  APIAttachment,
  APIEmbed,
  APIMessage,
  APIMessageTopLevelComponent,
  APIUser,
} from 'discord.js';

export interface SimulatorOptions {
  /** The bot token the simulator accepts (REST `Authorization: Bot <token>` and gateway IDENTIFY). */
  token: string;
  /** Also the bot user's id. */
  applicationId?: string;
  botUsername?: string;
  /** Shard count recommended by `GET /gateway/bot` (default 1). */
  shardCount?: number;
  /** `session_start_limit.max_concurrency` (default 1, as for most bots). */
  maxConcurrency?: number;
  /** Number of guilds, or their specs (default 1 guild with a `general` channel). */
  guilds?: number | GuildSpec[];
  /** Port to listen on, 127.0.0.1 only (default: a free port). */
  port?: number;
  /** Time to the first interaction response (Discord: 3 s). */
  ackDeadlineMs?: number;
  /** Lifetime of an interaction token for follow-ups and edits (Discord: 15 min). */
  tokenLifetimeMs?: number;
  /** How long `slash()`, `sendMessage()` and friends wait for the bot (default 10 s). */
  responseTimeoutMs?: number;
  /** Silence after the last bot activity before a result is returned, so follow-ups are collected (default 150 ms). */
  quietMs?: number;
  heartbeatIntervalMs?: number;
  /** Dispatches kept per session for RESUME replay (default 1000). */
  resumeBufferSize?: number;
  /** Privileged intents the application is not allowed to use; IDENTIFY with them closes with 4014. */
  disallowedIntents?: number;
}

export type ResolvedOptions = Required<Omit<SimulatorOptions, 'port'>> & { port: number };

export interface GuildSpec {
  id?: string;
  name?: string;
  /** Text channel names (default `['general']`). */
  channels?: string[];
  /** Roles besides @everyone (default 0), as a busy server has: for memory measurements at scale. */
  roles?: number;
  /**
   * Members in all (default and at least 3: the bot, alice and bob). GUILD_CREATE lists the others only to a
   * session with the GUILD_PRESENCES intent, as Discord does; `member_count` always counts them.
   */
  members?: number;
}

export interface SimGuild {
  id: string;
  name: string;
  ownerId: string;
  channels: SimChannel[];
  /** Extra roles and the total member count (see GuildSpec). */
  roleCount: number;
  memberCount: number;
}

export interface SimChannel {
  id: string;
  name: string;
  /** 0 = guild text, 1 = DM. */
  type: 0 | 1;
  guildId: string | null;
  recipientId?: string;
}

export type RuleName =
  | 'unauthorized'
  | 'content-length'
  | 'empty-message'
  | 'embed-count'
  | 'embed-title'
  | 'embed-description'
  | 'embed-fields'
  | 'embed-field-name'
  | 'embed-field-value'
  | 'embed-footer'
  | 'embed-author'
  | 'embed-total'
  | 'component-rows'
  | 'component-row-size'
  | 'component-type'
  | 'custom-id-length'
  | 'custom-id-duplicate'
  | 'button-label'
  | 'button-style'
  | 'select-options'
  | 'select-option-text'
  | 'attachment-count'
  | 'message-reference'
  | 'modal'
  | 'autocomplete-choices'
  | 'autocomplete-choice-name'
  | 'autocomplete-choice-value'
  | 'autocomplete-deferred'
  | 'response-type'
  | 'ack-twice'
  | 'ack-late'
  | 'unknown-interaction'
  | 'token-expired'
  | 'command-name'
  | 'command-description'
  | 'command-options'
  | 'command-option-order'
  | 'command-choices'
  | 'command-depth'
  | 'command-size'
  | 'command-duplicate'
  | 'command-count'
  | 'may-ping'
  | 'missing-intent'
  | 'missing-permission';

/** A Discord rule the bot broke, as recorded by the simulator. */
export interface Violation {
  /** Route template, e.g. `POST /channels/:channel/messages`, or `GATEWAY MESSAGE_CREATE`. */
  route: string;
  rule: RuleName;
  detail: string;
  at: number;
}

export interface UploadedFile {
  field: string;
  name: string;
  size: number;
  contentType: string;
}

export interface RecordedRequest {
  method: string;
  /** Decoded path below `/api/v10`, e.g. `/webhooks/1/abc/messages/@original`. */
  path: string;
  /** Matched route template, or null when no route matched (answered 404). */
  route: string | null;
  query: Record<string, string>;
  body: unknown;
  files: UploadedFile[];
  status: number;
  at: number;
}

export type Fault =
  | { status: 429; retryAfter?: number; global?: boolean }
  | { status: 500 | 502 | 503 | 504 };

/** How the bot answered, as the user sees it. */
export type ResponseKind =
  | 'reply'
  | 'deferred-reply'
  | 'update'
  | 'deferred-update'
  | 'modal'
  | 'message'
  | 'none';

/** Who a message notified, as Discord decides it from its content, `allowed_mentions` and reply. */
export interface Pings {
  users: string[];
  roles: string[];
  /** @everyone or @here. */
  everyone: boolean;
}

/** What a user sees of a message, whether it came as a channel message or as an interaction's answer. */
export interface VisibleMessage {
  content: string;
  embeds: APIEmbed[];
  components: APIMessageTopLevelComponent[];
  attachments: APIAttachment[];
  flags: number;
  ephemeral: boolean;
  /** Id of the message this one replies to (message_reference). */
  replyTo?: string;
  /** Who the message pinged when it was sent (bot messages only; users' messages have none). */
  pings?: Pings;
  deleted: boolean;
}

export interface MessageView extends VisibleMessage {
  messageId: string;
  raw: APIMessage;
}

export interface ResponseView extends VisibleMessage {
  type: ResponseKind;
  /** The message the user sees (null for `none` and `modal`); pass the view to `clickButton()`. */
  messageId: string | null;
  followUps: MessageView[];
  /** The modal (`type: 'modal'`), as sent by the bot. */
  modal?: unknown;
  /** True when the wait ended on `responseTimeoutMs` rather than on a complete answer. */
  timedOut: boolean;
  raw: {
    /** The INTERACTION_CREATE or MESSAGE_CREATE payload the simulator sent. */
    event: unknown;
    /** The interaction callback body, if any. */
    callback?: unknown;
    message: APIMessage | null;
  };
}

/** What `fireSlash()` resolves to: whether and how fast the bot acknowledged the interaction. */
export interface SlashAck {
  interactionId: string;
  acknowledged: boolean;
  /** From sending INTERACTION_CREATE to the bot's accepted callback (ms, sub-millisecond); null if none. */
  ackMs: number | null;
  /** The callback type (4 reply, 5 deferred reply, ...), or null. */
  callbackType: number | null;
}

export interface AutocompleteView {
  choices: APIApplicationCommandOptionChoice[];
  responded: boolean;
  raw: { event: unknown; callback?: unknown };
}

/** A message to act on: a view returned by the simulator, a raw message, or a message id. */
export type MessageRef = string | { messageId: string | null } | { id: string };

export interface ActorOptions {
  /** Who acts (default `sim.user`). */
  user?: APIUser;
  /**
   * The member's permissions in the guild, as Discord computes them (default: every permission). A command
   * whose `default_member_permissions` the member lacks is hidden from them, as in the Discord client, unless
   * `serverOverride` is set.
   */
  permissions?: bigint | string;
  /** The server allowed this member the command anyway (Server Settings > Integrations). */
  serverOverride?: boolean;
  guildId?: string;
  channelId?: string;
  /** Act in the user's DM with the bot. */
  dm?: boolean;
  locale?: string;
  timeoutMs?: number;
  quietMs?: number;
}

export interface SendMessageOptions extends Omit<ActorOptions, 'user' | 'locale'> {
  /** Prefix `<@bot>` to the content (unless already there) and list the bot in `mentions`. */
  mentionBot?: boolean;
  author?: APIUser;
  /** Mark the author as a bot. */
  bot?: boolean;
  /** Id of a message this one replies to. */
  replyTo?: string;
}

export type SlashOptionValue = string | number | boolean | APIUser | { id: string };
