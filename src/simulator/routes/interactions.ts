import type { APIMessage } from 'discord.js';
import { DiscordErrors, type HttpResult } from '../errors.ts';
import type { InteractionRecord } from '../interactions.ts';
import { editFromBody } from '../messages.ts';
import type { Route, RouteContext } from '../rest.ts';
import { isRecord } from '../rules/common.ts';
import {
  CallbackType,
  InteractionType,
  MessageFlag,
  validateCallbackData,
  validateCallbackType,
} from '../rules/index.ts';
import type { SimState } from '../state.ts';
import { createInteractionMessage, noContent, ok, refuse, reject } from './shared.ts';

/** `POST /interactions/:interaction/:token/callback`: the first (and only) response to an interaction. */
export function interactionRoutes(state: SimState): Route[] {
  return [
    {
      method: 'POST',
      path: '/interactions/:interaction/:token/callback',
      auth: false,
      handle: (context) => callback(state, context),
    },
  ];
}

function callback(state: SimState, { params, query, body, files, route }: RouteContext): HttpResult {
  const record = state.interactions.get(params.interaction ?? '');
  if (!record || record.token !== params.token) {
    state.violations.record(
      route,
      'unknown-interaction',
      `no interaction ${params.interaction} with this token`,
    );
    return DiscordErrors.unknownInteraction();
  }
  const check = state.interactions.checkAck(record);
  if (check === 'already-acknowledged') {
    state.violations.record(
      route,
      'ack-twice',
      `interaction ${record.id} was already acknowledged (type ${record.response?.type})`,
    );
    return DiscordErrors.alreadyAcknowledged();
  }
  if (check === 'too-late') {
    const elapsed = Date.now() - record.createdAt;
    state.violations.record(
      route,
      'ack-late',
      `first response after ${elapsed} ms (limit ${state.options.ackDeadlineMs} ms)`,
    );
    return DiscordErrors.unknownInteraction();
  }
  const request = isRecord(body) ? body : {};
  const type = request.type;
  const refused = reject(state, route, validateCallbackType(record.kind, type));
  if (refused) return refused;
  const callbackType = type as number;
  if (
    (callbackType === CallbackType.DeferredUpdate || callbackType === CallbackType.UpdateMessage) &&
    !record.sourceMessageId
  ) {
    return refuse(state, route, [
      {
        rule: 'response-type',
        path: ['type'],
        code: 'INTERACTION_RESPONSE_TYPE_INVALID',
        message: 'There is no message to update',
      },
    ]);
  }
  const invalid = reject(state, route, validateCallbackData(callbackType, request.data, files.length));
  if (invalid) return invalid;

  record.response = { type: callbackType, body, at: Date.now() };
  const message = applyCallback(state, record, callbackType, request.data, files);
  state.interactions.touch(record);
  return query.get('with_response') === 'true'
    ? ok(callbackResponse(record, callbackType, message))
    : noContent();
}

function applyCallback(
  state: SimState,
  record: InteractionRecord,
  type: number,
  data: unknown,
  files: RouteContext['files'],
): APIMessage | undefined {
  switch (type) {
    case CallbackType.ChannelMessage: {
      const message = createInteractionMessage(state, record, data, { original: true, files });
      record.originalMessageId = message.id;
      return message;
    }
    case CallbackType.DeferredChannelMessage: {
      const message = createInteractionMessage(
        state,
        record,
        { flags: flagsOf(data) },
        { original: true, flags: MessageFlag.Loading },
      );
      record.originalMessageId = message.id;
      return message;
    }
    case CallbackType.DeferredUpdate:
      record.originalMessageId = record.sourceMessageId;
      return record.sourceMessageId ? state.messages.get(record.sourceMessageId) : undefined;
    case CallbackType.UpdateMessage: {
      const id = record.sourceMessageId as string;
      record.originalMessageId = id;
      const current = state.messages.get(id) as APIMessage;
      const patch = editFromBody(
        current,
        data,
        files,
        (user) => state.fixtures.userById(user),
        state.origin(),
      );
      return state.messages.update(id, patch);
    }
    default:
      return undefined;
  }
}

function flagsOf(data: unknown): number {
  return isRecord(data) && typeof data.flags === 'number' ? data.flags : 0;
}

/** The `?with_response=true` body: an interaction callback response object. */
function callbackResponse(record: InteractionRecord, type: number, message: APIMessage | undefined): unknown {
  const flags = message?.flags ?? 0;
  return {
    interaction: {
      id: record.id,
      type: record.kind,
      activity_instance_id: null,
      response_message_id: message?.id ?? null,
      response_message_loading: (flags & MessageFlag.Loading) !== 0,
      response_message_ephemeral: (flags & MessageFlag.Ephemeral) !== 0,
    },
    resource: message && record.kind !== InteractionType.Autocomplete ? { type, message } : { type },
  };
}
