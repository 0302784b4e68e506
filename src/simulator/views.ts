import type { APIMessage } from 'discord.js';
import type { InteractionRecord } from './interactions.ts';
import type { MessageStore } from './messages.ts';
import { CallbackType, MessageFlag } from './rules/index.ts';
import type { MessageView, Pings, ResponseKind, ResponseView } from './types.ts';

const KIND_BY_CALLBACK: Record<number, ResponseKind> = {
  [CallbackType.ChannelMessage]: 'reply',
  [CallbackType.DeferredChannelMessage]: 'deferred-reply',
  [CallbackType.DeferredUpdate]: 'deferred-update',
  [CallbackType.UpdateMessage]: 'update',
  [CallbackType.Modal]: 'modal',
};

export function messageView(messages: MessageStore, message: APIMessage): MessageView {
  const current = messages.get(message.id) ?? message;
  const flags = current.flags ?? 0;
  return {
    messageId: current.id,
    content: current.content,
    embeds: current.embeds,
    components: current.components ?? [],
    attachments: current.attachments,
    flags,
    ephemeral: (flags & MessageFlag.Ephemeral) !== 0,
    ...(current.message_reference?.message_id ? { replyTo: current.message_reference.message_id } : {}),
    ...pingsField(messages, current.id),
    deleted: messages.isDeleted(current.id),
    raw: current,
  };
}

function pingsField(messages: MessageStore, id: string): { pings?: Pings } {
  const pings = messages.pingsOf(id);
  return pings ? { pings } : {};
}

function responseView(
  messages: MessageStore,
  type: ResponseKind,
  main: APIMessage | undefined,
  followUps: APIMessage[],
  raw: Omit<ResponseView['raw'], 'message'>,
  timedOut: boolean,
): ResponseView {
  const view = main ? messageView(messages, main) : undefined;
  return {
    type,
    content: view?.content ?? '',
    embeds: view?.embeds ?? [],
    components: view?.components ?? [],
    attachments: view?.attachments ?? [],
    flags: view?.flags ?? 0,
    ephemeral: view?.ephemeral ?? false,
    messageId: view?.messageId ?? null,
    ...(view?.replyTo ? { replyTo: view.replyTo } : {}),
    ...(view?.pings ? { pings: view.pings } : {}),
    deleted: view?.deleted ?? false,
    followUps: followUps.map((message) => messageView(messages, message)),
    timedOut,
    raw: { ...raw, message: view?.raw ?? null },
  };
}

/** What the user sees after an interaction: the response message, its follow-ups, or a modal. */
export function interactionView(
  messages: MessageStore,
  record: InteractionRecord,
  timedOut: boolean,
): ResponseView {
  const response = record.response;
  const type = response ? (KIND_BY_CALLBACK[response.type] ?? 'none') : 'none';
  const main = record.originalMessageId ? messages.get(record.originalMessageId) : undefined;
  const followUps = record.followUpIds
    .map((id) => messages.get(id))
    .filter((item): item is APIMessage => item !== undefined);
  const view = responseView(
    messages,
    type,
    main,
    followUps,
    { event: record.event, callback: response?.body },
    timedOut,
  );
  if (type === 'modal') {
    const body = response?.body as { data?: unknown } | undefined;
    view.modal = body?.data;
  }
  return view;
}

/** What the user sees after posting a message: the bot's replies in the channel. */
export function channelReplyView(
  messages: MessageStore,
  event: unknown,
  replies: APIMessage[],
  timedOut: boolean,
): ResponseView {
  const [first, ...rest] = replies;
  return responseView(messages, first ? 'message' : 'none', first, rest, { event }, timedOut);
}
