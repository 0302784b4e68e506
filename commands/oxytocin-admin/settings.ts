import type { ChatInputCommandInteraction } from 'discord.js';
import { renderSettings } from '../../src/admin/settings-view.ts';
import type { BotContext } from '../../src/discord/context.ts';
import { say } from './say.ts';

/** /oxytocin-admin settings: this server's settings, as read when the command arrived. */
export async function settings(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await say(interaction, renderSettings(ctx, ctx.server));
}
