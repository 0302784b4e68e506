import type { BotContext } from './context.ts';

/**
 * How the server's own settings (/oxytocin-admin) combine with the global configuration. The global values
 * stay the defaults: a server that set nothing behaves as before.
 */

/** Whether the bot answers every confident question posted in this channel. */
export function isQuestionChannel(ctx: BotContext, channelId: string): boolean {
  return ctx.askChannelIds.has(channelId) || ctx.server.questionChannelIds.includes(channelId);
}

/** The server's own cooldown, for `Cooldown.take`; undefined means the global one. */
export function serverCooldown(
  ctx: BotContext,
  guildId: string | null,
): { guildId: string; questions: number; seconds: number } | undefined {
  return guildId && ctx.server.cooldown ? { guildId, ...ctx.server.cooldown } : undefined;
}
