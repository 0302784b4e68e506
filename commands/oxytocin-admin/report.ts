import type { ChatInputCommandInteraction } from 'discord.js';
import { REPORT_DAYS, reportReply } from '../../src/admin/report-reply.ts';
import type { BotContext } from '../../src/discord/context.ts';
import { say } from './say.ts';

/** /oxytocin-admin report [days]: this server's curator report, in pages. */
export async function report(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const days = interaction.options.getInteger('days') ?? REPORT_DAYS.default;
  await say(interaction, await reportReply(ctx, interaction.guildId as string, days, 0));
}
