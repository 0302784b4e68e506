import type { APIMessage } from 'discord.js';
import { DiscordErrors, type HttpResult } from '../errors.ts';
import { editFromBody, messageFromBody } from '../messages.ts';
import { channelJson } from '../payloads.ts';
import { checkCreateMessage } from '../permissions.ts';
import { pingsOf } from '../pings.ts';
import type { Route, RouteContext } from '../rest.ts';
import { isRecord } from '../rules/common.ts';
import { checkMayPing, isEmptyMessage, validateMessageBody } from '../rules/index.ts';
import type { SimState } from '../state.ts';
import type { SimChannel } from '../types.ts';
import { EMPTY_MESSAGE, noContent, ok, refuse, reject } from './shared.ts';

/** Channels and their messages, as the bot uses them outside interactions. */
export function channelRoutes(state: SimState): Route[] {
  const inChannel =
    (handler: (channel: SimChannel, context: RouteContext) => HttpResult) => (context: RouteContext) => {
      const channel = state.fixtures.channelById(context.params.channel ?? '');
      return channel ? handler(channel, context) : DiscordErrors.unknownChannel();
    };
  const message = '/channels/:channel/messages/:message';
  return [
    {
      method: 'GET',
      path: '/channels/:channel',
      auth: true,
      handle: inChannel((channel) => ok(channelJson(channel, state.fixtures))),
    },
    {
      method: 'GET',
      path: '/channels/:channel/messages',
      auth: true,
      handle: inChannel((channel, context) => listMessages(state, channel, context)),
    },
    {
      method: 'POST',
      path: '/channels/:channel/messages',
      auth: true,
      handle: inChannel((channel, context) => createMessage(state, channel, context)),
    },
    {
      method: 'GET',
      path: message,
      auth: true,
      handle: inChannel((channel, context) => withMessage(state, channel, context, ok)),
    },
    {
      method: 'PATCH',
      path: message,
      auth: true,
      handle: inChannel((channel, context) =>
        withMessage(state, channel, context, (found) => editMessage(state, found, context)),
      ),
    },
    {
      method: 'DELETE',
      path: message,
      auth: true,
      handle: inChannel((channel, context) =>
        withMessage(state, channel, context, (found) => {
          state.messages.delete(found.id);
          return noContent();
        }),
      ),
    },
    { method: 'POST', path: '/channels/:channel/typing', auth: true, handle: inChannel(() => noContent()) },
    {
      method: 'PUT',
      path: `${message}/reactions/:emoji/@me`,
      auth: true,
      handle: inChannel((channel, context) => withMessage(state, channel, context, noContent)),
    },
    {
      method: 'DELETE',
      path: `${message}/reactions/:emoji/@me`,
      auth: true,
      handle: inChannel((channel, context) => withMessage(state, channel, context, noContent)),
    },
  ];
}

function listMessages(state: SimState, channel: SimChannel, { query }: RouteContext): HttpResult {
  const limit = Math.min(Math.max(Number(query.get('limit') ?? 50) || 50, 1), 100);
  const visible = state.messages.inChannel(channel.id).filter((item) => ((item.flags ?? 0) & 64) === 0);
  return ok(visible.reverse().slice(0, limit));
}

function createMessage(
  state: SimState,
  channel: SimChannel,
  { body, files, route }: RouteContext,
): HttpResult {
  const refused = reject(state, route, validateMessageBody(body, { files: files.length }));
  if (refused) return refused;
  let request = isRecord(body) ? body : {};
  if (channel.guildId) {
    const check = checkCreateMessage(state.botPermissions.in(channel.id), request);
    if (check.refused) {
      // Discord refuses it, and counts it towards the invalid-request limit: a bot should check first.
      state.violations.record(route, 'missing-permission', `the bot lacks ${check.refused.missing} here`);
      return check.refused.result;
    }
    if (check.dropEmbeds) {
      request = { ...request, embeds: [] };
      if (isEmptyMessage(request, files.length)) return refuse(state, route, [EMPTY_MESSAGE]);
    }
  }
  let referenced: APIMessage | undefined;
  if (isRecord(request.message_reference)) {
    const reference = request.message_reference;
    const id = typeof reference.message_id === 'string' ? reference.message_id : '';
    const target = state.messages.get(id);
    referenced =
      target && target.channel_id === channel.id && !state.messages.isDeleted(id) ? target : undefined;
    if (!referenced && reference.fail_if_not_exists !== false) {
      return refuse(state, route, [
        {
          rule: 'message-reference',
          path: ['message_reference'],
          code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE',
          message: `Unknown message ${id}`,
        },
      ]);
    }
  }
  const mayPing = checkMayPing(request);
  if (mayPing) state.violations.recordAll(route, [mayPing]);
  const message = messageFromBody(request, {
    channelId: channel.id,
    guildId: channel.guildId,
    author: state.fixtures.botUser,
    referenced,
    files,
    resolveUser: (id) => state.fixtures.userById(id),
    attachmentBase: state.origin(),
  });
  // Kept as sent, so tests can assert on what the bot asked for.
  Object.assign(message, { allowed_mentions: request.allowed_mentions });
  const pings = pingsOf(request, { kind: 'channel', referenced, senderId: state.fixtures.botUser.id });
  return ok(state.messages.add(message, pings));
}

function withMessage(
  state: SimState,
  channel: SimChannel,
  { params }: RouteContext,
  handler: (message: APIMessage) => HttpResult,
): HttpResult {
  const found = state.messages.get(params.message ?? '');
  if (!found || found.channel_id !== channel.id || state.messages.isDeleted(found.id))
    return DiscordErrors.unknownMessage();
  return handler(found);
}

function editMessage(state: SimState, message: APIMessage, { body, files, route }: RouteContext): HttpResult {
  if (message.author.id !== state.fixtures.botUser.id) return DiscordErrors.cannotEditOthersMessage();
  const refused = reject(state, route, validateMessageBody(body, { files: files.length, partial: true }));
  if (refused) return refused;
  const patch = editFromBody(message, body, files, (id) => state.fixtures.userById(id), state.origin());
  if (isEmptyMessage({ ...message, ...patch }, 0)) {
    return refuse(state, route, [EMPTY_MESSAGE]);
  }
  return ok(state.messages.update(message.id, patch));
}
