import type { APIMessage } from 'discord.js';
import { DiscordErrors, type HttpResult } from '../errors.ts';
import type { InteractionRecord } from '../interactions.ts';
import { editFromBody } from '../messages.ts';
import type { Route, RouteContext } from '../rest.ts';
import { CallbackType, isEmptyMessage, MessageFlag, validateMessageBody } from '../rules/index.ts';
import type { SimState } from '../state.ts';
import {
  createInteractionMessage,
  EMPTY_MESSAGE,
  interactionPings,
  noContent,
  ok,
  refuse,
  reject,
} from './shared.ts';

/** The interaction webhook: follow-ups and `@original` (or follow-up) fetch, edit and delete. */
export function webhookRoutes(state: SimState): Route[] {
  const base = '/webhooks/:application/:token';
  return [
    { method: 'POST', path: base, auth: false, handle: (context) => withRecord(state, context, followUp) },
    {
      method: 'GET',
      path: `${base}/messages/:message`,
      auth: false,
      handle: (context) => withRecord(state, context, fetchMessage),
    },
    {
      method: 'PATCH',
      path: `${base}/messages/:message`,
      auth: false,
      handle: (context) => withRecord(state, context, editMessage),
    },
    {
      method: 'DELETE',
      path: `${base}/messages/:message`,
      auth: false,
      handle: (context) => withRecord(state, context, deleteMessage),
    },
  ];
}

type Handler = (state: SimState, record: InteractionRecord, context: RouteContext) => HttpResult;

function withRecord(state: SimState, context: RouteContext, handler: Handler): HttpResult {
  const record = state.interactions.findByToken(context.params.token ?? '');
  // An interaction token only becomes a webhook once the interaction is acknowledged.
  if (!record || record.applicationId !== context.params.application || !record.response) {
    return DiscordErrors.unknownWebhook();
  }
  if (state.interactions.tokenExpired(record)) {
    const age = Math.round((Date.now() - record.createdAt) / 1000);
    state.violations.record(
      context.route,
      'token-expired',
      `interaction token used ${age} s after the interaction (limit ${state.options.tokenLifetimeMs / 1000} s)`,
    );
    return DiscordErrors.invalidWebhookToken();
  }
  const result = handler(state, record, context);
  state.interactions.touch(record);
  return result;
}

function followUp(
  state: SimState,
  record: InteractionRecord,
  { body, files, query, route }: RouteContext,
): HttpResult {
  const refused = reject(state, route, validateMessageBody(body, { files: files.length }));
  if (refused) return refused;
  const original = record.originalMessageId ? state.messages.get(record.originalMessageId) : undefined;
  let message: APIMessage;
  // After a deferred reply, the first follow-up replaces the "is thinking" message (keeping its ephemerality).
  if (
    record.response?.type === CallbackType.DeferredChannelMessage &&
    original &&
    ((original.flags ?? 0) & MessageFlag.Loading) !== 0
  ) {
    message = state.messages.update(
      original.id,
      editFromBody(original, body, files, (id) => state.fixtures.userById(id), state.origin()),
    );
    state.messages.setPings(original.id, interactionPings(state, body));
    record.originalEdits++;
  } else {
    message = createInteractionMessage(state, record, body, { original: false, files });
    record.followUpIds.push(message.id);
  }
  return query.get('wait') === 'false' ? noContent() : ok(message);
}

function fetchMessage(state: SimState, record: InteractionRecord, { params }: RouteContext): HttpResult {
  const message = ownMessage(state, record, params.message ?? '');
  return message ? ok(message) : DiscordErrors.unknownMessage();
}

function editMessage(
  state: SimState,
  record: InteractionRecord,
  { params, body, files, route }: RouteContext,
): HttpResult {
  const message = ownMessage(state, record, params.message ?? '');
  if (!message) return DiscordErrors.unknownMessage();
  const refused = reject(state, route, validateMessageBody(body, { files: files.length, partial: true }));
  if (refused) return refused;
  const patch = editFromBody(message, body, files, (id) => state.fixtures.userById(id), state.origin());
  if (isEmptyMessage({ ...message, ...patch }, 0)) {
    return refuse(state, route, [EMPTY_MESSAGE]);
  }
  const updated = state.messages.update(message.id, patch);
  if (((message.flags ?? 0) & MessageFlag.Loading) !== 0) {
    state.messages.setPings(message.id, interactionPings(state, body));
  }
  if (message.id === record.originalMessageId) record.originalEdits++;
  return ok(updated);
}

function deleteMessage(state: SimState, record: InteractionRecord, { params }: RouteContext): HttpResult {
  const message = ownMessage(state, record, params.message ?? '');
  if (!message) return DiscordErrors.unknownMessage();
  state.messages.delete(message.id);
  return noContent();
}

/** `@original` or one of this interaction's follow-ups, unless deleted. */
function ownMessage(state: SimState, record: InteractionRecord, id: string): APIMessage | undefined {
  const resolved = id === '@original' ? record.originalMessageId : id;
  if (!resolved || state.messages.isDeleted(resolved)) return undefined;
  if (resolved !== record.originalMessageId && !record.followUpIds.includes(resolved)) return undefined;
  return state.messages.get(resolved);
}
