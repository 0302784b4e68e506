import { EventEmitter } from 'node:events';
import type {
  APIAttachment,
  APIEmbed,
  APIMessage,
  APIMessageInteractionMetadata,
  APIMessageTopLevelComponent,
  APIUser,
} from 'discord.js';
import { isRecord } from './rules/common.ts';
import { MessageFlag } from './rules/index.ts';
import { snowflake } from './snowflake.ts';
import type { Pings, UploadedFile } from './types.ts';

export const MessageType = { Default: 0, Reply: 19, ChatInputCommand: 20, ContextMenuCommand: 23 } as const;

// Flags a sender may set; the rest (e.g. LOADING) are Discord's to set.
const SETTABLE_FLAGS =
  MessageFlag.SuppressEmbeds | MessageFlag.SuppressNotifications | MessageFlag.IsComponentsV2;

interface MessageEvents {
  created: [APIMessage];
  updated: [APIMessage];
  deleted: [APIMessage];
}

/** Every message in the simulated world: the users', the bot's, interaction responses, ephemeral ones. */
export class MessageStore extends EventEmitter<MessageEvents> {
  private readonly byId = new Map<string, APIMessage>();
  private readonly deletedIds = new Set<string>();
  private readonly pingsById = new Map<string, Pings>();

  /** Stores a message; `pings` says who a bot message notified (see pings.ts). */
  add(message: APIMessage, pings?: Pings): APIMessage {
    this.byId.set(message.id, message);
    if (pings) this.pingsById.set(message.id, pings);
    this.emit('created', message);
    return message;
  }

  /** Who a bot message pinged; a deferred response pings when its first content arrives. */
  setPings(id: string, pings: Pings): void {
    this.pingsById.set(id, pings);
  }

  pingsOf(id: string): Pings | undefined {
    return this.pingsById.get(id);
  }

  get(id: string): APIMessage | undefined {
    return this.byId.get(id);
  }

  isDeleted(id: string): boolean {
    return this.deletedIds.has(id);
  }

  update(id: string, patch: Partial<APIMessage>): APIMessage {
    const current = this.byId.get(id);
    if (!current) throw new Error(`unknown message ${id}`);
    const next = { ...current, ...patch, edited_timestamp: new Date().toISOString() };
    this.byId.set(id, next);
    this.emit('updated', next);
    return next;
  }

  delete(id: string): void {
    const message = this.byId.get(id);
    if (!message || this.deletedIds.has(id)) return;
    this.deletedIds.add(id);
    this.emit('deleted', message);
  }

  inChannel(channelId: string): APIMessage[] {
    return [...this.byId.values()].filter(
      (message) => message.channel_id === channelId && !this.deletedIds.has(message.id),
    );
  }
}

export interface MessageBase {
  channelId: string;
  guildId: string | null;
  author: APIUser;
  type?: number;
  /** Flags set by Discord (EPHEMERAL for ephemeral responses, LOADING while deferred). */
  flags?: number;
  applicationId?: string;
  webhookId?: string;
  interactionMetadata?: APIMessageInteractionMetadata;
  referenced?: APIMessage;
  files?: UploadedFile[];
  resolveUser: (id: string) => APIUser | undefined;
  attachmentBase: string;
}

/** A message as Discord stores it when a bot creates it from a request body. */
export function messageFromBody(body: unknown, base: MessageBase): APIMessage {
  const source = isRecord(body) ? body : {};
  const content = typeof source.content === 'string' ? source.content : '';
  const requested = typeof source.flags === 'number' ? source.flags & SETTABLE_FLAGS : 0;
  const message: APIMessage = {
    id: snowflake(),
    channel_id: base.channelId,
    author: base.author,
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: source.tts === true,
    mention_everyone: false,
    mentions: mentionedUsers(content, base.resolveUser),
    mention_roles: [],
    attachments: attachmentsFrom(base.files ?? [], base.attachmentBase),
    embeds: Array.isArray(source.embeds) ? (source.embeds as APIEmbed[]) : [],
    components: Array.isArray(source.components) ? (source.components as APIMessageTopLevelComponent[]) : [],
    pinned: false,
    type: base.type ?? (base.referenced ? MessageType.Reply : MessageType.Default),
    flags: requested | (base.flags ?? 0),
  };
  if (base.guildId) Object.assign(message, { guild_id: base.guildId });
  if (base.webhookId) message.webhook_id = base.webhookId;
  if (base.applicationId) message.application_id = base.applicationId;
  if (base.interactionMetadata) message.interaction_metadata = base.interactionMetadata;
  if (typeof source.nonce === 'string' || typeof source.nonce === 'number') message.nonce = source.nonce;
  if (base.referenced) {
    message.message_reference = {
      type: 0,
      message_id: base.referenced.id,
      channel_id: base.referenced.channel_id,
      ...(base.guildId ? { guild_id: base.guildId } : {}),
    };
    message.referenced_message = base.referenced;
  }
  return message;
}

/** The fields an edit (PATCH) changes; absent fields keep their value. */
export function editFromBody(
  current: APIMessage,
  body: unknown,
  files: UploadedFile[],
  resolveUser: (id: string) => APIUser | undefined,
  attachmentBase: string,
): Partial<APIMessage> {
  const source = isRecord(body) ? body : {};
  const patch: Partial<APIMessage> = {};
  if (typeof source.content === 'string' || source.content === null) {
    patch.content = source.content ?? '';
    patch.mentions = mentionedUsers(patch.content, resolveUser);
  }
  if (Array.isArray(source.embeds) || source.embeds === null)
    patch.embeds = (source.embeds ?? []) as APIEmbed[];
  if (Array.isArray(source.components) || source.components === null) {
    patch.components = (source.components ?? []) as APIMessageTopLevelComponent[];
  }
  if (Array.isArray(source.attachments) || files.length > 0) {
    const keep = new Set(
      (Array.isArray(source.attachments) ? source.attachments : [])
        .map((item) => (isRecord(item) ? String(item.id) : ''))
        .filter(Boolean),
    );
    const kept = Array.isArray(source.attachments)
      ? current.attachments.filter((item) => keep.has(item.id))
      : current.attachments;
    patch.attachments = [...kept, ...attachmentsFrom(files, attachmentBase)];
  }
  // An edit clears LOADING (the "is thinking" state) and may only toggle SUPPRESS_EMBEDS.
  const currentFlags = (current.flags ?? 0) & ~MessageFlag.Loading;
  const suppress =
    typeof source.flags === 'number'
      ? source.flags & MessageFlag.SuppressEmbeds
      : currentFlags & MessageFlag.SuppressEmbeds;
  patch.flags = (currentFlags & ~MessageFlag.SuppressEmbeds) | suppress;
  return patch;
}

function mentionedUsers(content: string, resolveUser: (id: string) => APIUser | undefined): APIUser[] {
  const ids = new Set([...content.matchAll(/<@!?(\d{17,20})>/g)].map((match) => match[1] ?? ''));
  return [...ids].map((id) => resolveUser(id)).filter((user): user is APIUser => user !== undefined);
}

function attachmentsFrom(files: UploadedFile[], base: string): APIAttachment[] {
  return files.map((file) => {
    const id = snowflake();
    const url = `${base}/attachments/${id}/${encodeURIComponent(file.name)}`;
    return { id, filename: file.name, size: file.size, url, proxy_url: url, content_type: file.contentType };
  });
}
