import type { APIMessage } from 'discord.js';
import { asArray, isRecord } from './rules/common.ts';
import type { Pings } from './types.ts';

/**
 * Who a bot message notifies, as Discord decides it
 * (https://discord.com/developers/docs/resources/message#allowed-mentions-object):
 * - a mention pings only when it is in the content (`<@id>`, `<@!id>`, `<@&role>`, `@everyone`, `@here`;
 *   a backslash before it makes it plain text) and `allowed_mentions` allows it, by `parse` or by id;
 * - without `allowed_mentions`, a channel message parses users, roles and everyone, and a reply pings the
 *   author of the message it replies to; an interaction response or webhook message parses users only;
 * - with `allowed_mentions`, the replied-to author is pinged only with `replied_user: true` (default false).
 */
export function pingsOf(
  body: unknown,
  context: { kind: 'channel' | 'interaction'; referenced?: APIMessage; senderId: string },
): Pings {
  const message = isRecord(body) ? body : {};
  const content = typeof message.content === 'string' ? message.content : '';
  const allowed = message.allowed_mentions;
  const defaults = context.kind === 'channel' ? ['users', 'roles', 'everyone'] : ['users'];
  const parse = isRecord(allowed) ? asArray(allowed.parse).map(String) : defaults;
  const users = isRecord(allowed) ? asArray(allowed.users).map(String) : [];
  const roles = isRecord(allowed) ? asArray(allowed.roles).map(String) : [];
  const repliedUser = isRecord(allowed) ? allowed.replied_user === true : context.kind === 'channel';

  const pinged = new Set(
    idsIn(content, /(?<!\\)<@!?(\d{17,20})>/g).filter((id) => parse.includes('users') || users.includes(id)),
  );
  const author = context.referenced?.author.id;
  if (repliedUser && author) pinged.add(author);
  pinged.delete(context.senderId);
  return {
    users: [...pinged],
    roles: idsIn(content, /(?<!\\)<@&(\d{17,20})>/g).filter(
      (id) => parse.includes('roles') || roles.includes(id),
    ),
    everyone: parse.includes('everyone') && /(?<!\\)@(everyone|here)\b/.test(content),
  };
}

export const NO_ONE: Pings = { users: [], roles: [], everyone: false };

function idsIn(content: string, pattern: RegExp): string[] {
  return [...new Set([...content.matchAll(pattern)].map((match) => match[1] ?? ''))];
}
