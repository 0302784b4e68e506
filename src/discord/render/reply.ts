import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';

/** A message as the renderer builds it; the adapter adds flags and `allowedMentions` when sending. */
export interface Reply {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

/** Nobody is ever pinged by a reply: not @everyone, not roles, not users, not the person replied to. */
export const NO_PINGS = { parse: [] as never[], repliedUser: false };
