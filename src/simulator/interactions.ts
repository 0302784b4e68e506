import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { APIMessageInteractionMetadata, APIUser } from 'discord.js';
import type { InteractionKind } from './rules/index.ts';
import { snowflake } from './snowflake.ts';

export interface InteractionRecord {
  id: string;
  token: string;
  kind: InteractionKind;
  applicationId: string;
  guildId: string | null;
  channelId: string;
  user: APIUser;
  /** For application commands: 1 chat input, 2 user, 3 message. */
  commandType?: number;
  /** The message holding the clicked component. */
  sourceMessageId?: string;
  createdAt: number;
  /** The INTERACTION_CREATE payload. */
  event: unknown;
  response?: { type: number; body: unknown; at: number };
  /** The message `@original` designates once acknowledged. */
  originalMessageId?: string;
  originalEdits: number;
  followUpIds: string[];
  lastActivity: number;
}

export interface InteractionLimits {
  ackDeadlineMs: number;
  tokenLifetimeMs: number;
}

export type AckCheck = 'ok' | 'already-acknowledged' | 'too-late';

interface InteractionEvents {
  activity: [InteractionRecord];
}

/** Interaction state: tokens, the 3 s first-response deadline, the 15 min token lifetime, responses. */
export class InteractionStore extends EventEmitter<InteractionEvents> {
  private readonly byId = new Map<string, InteractionRecord>();
  private readonly byToken = new Map<string, InteractionRecord>();

  constructor(private readonly limits: InteractionLimits) {
    super();
  }

  create(
    init: Omit<
      InteractionRecord,
      'id' | 'token' | 'createdAt' | 'originalEdits' | 'followUpIds' | 'lastActivity' | 'event'
    >,
  ): InteractionRecord {
    const now = Date.now();
    const record: InteractionRecord = {
      ...init,
      id: snowflake(now),
      token: `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`,
      createdAt: now,
      event: null,
      originalEdits: 0,
      followUpIds: [],
      lastActivity: now,
    };
    this.byId.set(record.id, record);
    this.byToken.set(record.token, record);
    return record;
  }

  get(id: string): InteractionRecord | undefined {
    return this.byId.get(id);
  }

  findByToken(token: string): InteractionRecord | undefined {
    return this.byToken.get(token);
  }

  /** Whether a first response (callback) is still accepted. */
  checkAck(record: InteractionRecord, now = Date.now()): AckCheck {
    if (record.response) return 'already-acknowledged';
    return now - record.createdAt > this.limits.ackDeadlineMs ? 'too-late' : 'ok';
  }

  ackDeadline(record: InteractionRecord): number {
    return record.createdAt + this.limits.ackDeadlineMs;
  }

  /** Follow-ups and edits through the interaction webhook stop working after the token lifetime. */
  tokenExpired(record: InteractionRecord, now = Date.now()): boolean {
    return now - record.createdAt > this.limits.tokenLifetimeMs;
  }

  /** Marks bot activity on an interaction, so waiters can re-check and restart their quiet period. */
  touch(record: InteractionRecord): void {
    record.lastActivity = Date.now();
    this.emit('activity', record);
  }

  metadata(record: InteractionRecord): APIMessageInteractionMetadata {
    return {
      id: record.id,
      type: record.kind,
      user: record.user,
      authorizing_integration_owners: record.guildId ? { 0: record.guildId } : { 1: record.user.id },
      ...(record.sourceMessageId ? { interacted_message_id: record.sourceMessageId } : {}),
    } as APIMessageInteractionMetadata;
  }
}
