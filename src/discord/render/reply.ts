import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';

/** A message as the renderer builds it; the adapter adds flags and `allowedMentions` when sending. */
export interface Reply {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

/** Nobody is ever pinged by a reply: not @everyone, not roles, not users, not the person replied to. */
export const NO_PINGS = { parse: [] as never[], repliedUser: false };

/** Pings exactly this user, who the content mentions, and nobody else (not quoted mentions, not roles). */
export function pingOnly(userId: string) {
  return { parse: [] as never[], users: [userId] };
}

/**
 * For a channel message sent through the REST API as a reply: pings the author of the message it replies to
 * and nobody else (`replied_user` pings them without a mention in the content; `parse` stays empty).
 */
export const PING_REPLIED_AUTHOR_ONLY = { parse: [] as never[], replied_user: true };
