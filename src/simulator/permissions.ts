import { DiscordErrors, type HttpResult } from './errors.ts';
import { asArray, isRecord } from './rules/common.ts';

/** The permission bits the simulator checks (https://discord.com/developers/docs/topics/permissions). */
export const Permission = {
  Administrator: 1n << 3n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  ReadMessageHistory: 1n << 16n,
} as const;

/** Every permission bit Discord defines today. */
export const ALL_PERMISSIONS = (1n << 51n) - 1n;

/**
 * The bot's permissions in each guild channel: every permission unless a test sets them. They are what
 * interactions in that channel carry as `app_permissions`, and what creating a channel message checks.
 */
export class BotPermissions {
  private readonly byChannel = new Map<string, bigint>();

  /** Sets the bot's permissions in a channel; `null` gives every permission back. */
  set(channelId: string, permissions: bigint | null): void {
    if (permissions === null) this.byChannel.delete(channelId);
    else this.byChannel.set(channelId, permissions);
  }

  in(channelId: string): bigint {
    return this.byChannel.get(channelId) ?? ALL_PERMISSIONS;
  }
}

export interface CreateMessageCheck {
  /** Discord's refusal (403 50001 or 50013), with what was missing. */
  refused?: { result: HttpResult; missing: string };
  /** Embeds Discord drops because the bot may not embed links in this channel. */
  dropEmbeds: boolean;
}

/**
 * What Discord checks before a bot posts in a guild channel: View Channel (else 50001 Missing Access), Send
 * Messages (else 50013 Missing Permissions), Read Message History for a reply (else 50013). Without Embed
 * Links the message is still sent, but its embeds are not. Administrator grants everything.
 */
export function checkCreateMessage(permissions: bigint, body: unknown): CreateMessageCheck {
  const admin = (permissions & Permission.Administrator) !== 0n;
  const has = (bit: bigint) => admin || (permissions & bit) === bit;
  const request = isRecord(body) ? body : {};
  const dropEmbeds = !has(Permission.EmbedLinks) && asArray(request.embeds).length > 0;
  if (!has(Permission.ViewChannel)) {
    return { refused: { result: DiscordErrors.missingAccess(), missing: 'VIEW_CHANNEL' }, dropEmbeds };
  }
  if (!has(Permission.SendMessages)) {
    return { refused: { result: DiscordErrors.missingPermissions(), missing: 'SEND_MESSAGES' }, dropEmbeds };
  }
  if (isRecord(request.message_reference) && !has(Permission.ReadMessageHistory)) {
    return {
      refused: { result: DiscordErrors.missingPermissions(), missing: 'READ_MESSAGE_HISTORY (to reply)' },
      dropEmbeds,
    };
  }
  return { dropEmbeds };
}
