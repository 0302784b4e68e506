import type { APIMessage } from 'discord.js';
import { DiscordErrors, type HttpResult, invalidFormBody } from '../errors.ts';
import type { InteractionRecord } from '../interactions.ts';
import { MessageType, messageFromBody } from '../messages.ts';
import { pingsOf } from '../pings.ts';
import { isRecord } from '../rules/common.ts';
import { CommandType, InteractionType, MessageFlag, type RuleViolation } from '../rules/index.ts';
import type { SimState } from '../state.ts';
import type { Pings, UploadedFile } from '../types.ts';

export const ok = (body: unknown, status = 200): HttpResult => ({ status, body });
export const noContent = (): HttpResult => ({ status: 204 });

/** Records the violations and answers as Discord would: 50006 for an empty message, else 50035 with the field errors. */
export function refuse(
  state: SimState,
  route: string,
  violations: [RuleViolation, ...RuleViolation[]],
): HttpResult {
  state.violations.recordAll(route, violations);
  const fieldErrors = violations.filter((item) => item.rule !== 'empty-message');
  return fieldErrors.length === 0 ? DiscordErrors.emptyMessage() : invalidFormBody(fieldErrors);
}

/** `refuse()` when there are violations, else null. */
export function reject(state: SimState, route: string, violations: RuleViolation[]): HttpResult | null {
  const [first, ...rest] = violations;
  return first ? refuse(state, route, [first, ...rest]) : null;
}

export const EMPTY_MESSAGE: RuleViolation = {
  rule: 'empty-message',
  path: [],
  code: 'EMPTY_MESSAGE',
  message: 'Cannot send an empty message',
};

export interface InteractionMessageOptions {
  /** Discord-set flags, e.g. LOADING for a deferred response. */
  flags?: number;
  files?: UploadedFile[];
  original: boolean;
}

/** A message sent through an interaction (response or follow-up); EPHEMERAL comes from the body's flags. */
export function createInteractionMessage(
  state: SimState,
  record: InteractionRecord,
  body: unknown,
  options: InteractionMessageOptions,
): APIMessage {
  const requested = isRecord(body) && typeof body.flags === 'number' ? body.flags : 0;
  const message = messageFromBody(body, {
    channelId: record.channelId,
    guildId: record.guildId,
    author: state.fixtures.botUser,
    type: options.original ? originalMessageType(record) : MessageType.Default,
    flags: (requested & MessageFlag.Ephemeral) | (options.flags ?? 0),
    applicationId: record.applicationId,
    webhookId: record.applicationId,
    interactionMetadata: state.interactions.metadata(record),
    files: options.files,
    resolveUser: (id) => state.fixtures.userById(id),
    attachmentBase: state.origin(),
  });
  // A deferred response ("is thinking") pings nobody yet: its first content does (see webhooks.ts).
  const loading = ((options.flags ?? 0) & MessageFlag.Loading) !== 0;
  return state.messages.add(message, loading ? undefined : interactionPings(state, body));
}

/** Who an interaction response or follow-up pings (user mentions are parsed by default there). */
export function interactionPings(state: SimState, body: unknown): Pings {
  return pingsOf(body, { kind: 'interaction', senderId: state.fixtures.botUser.id });
}

function originalMessageType(record: InteractionRecord): number {
  if (record.kind !== InteractionType.ApplicationCommand) return MessageType.Default;
  return record.commandType === CommandType.ChatInput
    ? MessageType.ChatInputCommand
    : MessageType.ContextMenuCommand;
}
