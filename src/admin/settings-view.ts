import { EmbedBuilder } from 'discord.js';
import type { BotContext } from '../discord/context.ts';
import { MESSAGE_CONTENT_SWITCH } from '../discord/message-content.ts';
import type { Reply } from '../discord/render/reply.ts';
import type { ServerSettings } from '../settings/index.ts';

const ADMIN_COLOR = 0x5865f2;

/** `/oxytocin-admin settings`: this server's settings, each saying whether it is the server's own or the default. */
export function renderSettings(ctx: BotContext, settings: ServerSettings): Reply {
  const channels = settings.questionChannelIds.map((id) => `<#${id}>`).join(', ') || 'none';
  const global =
    ctx.askChannelIds.size > 0 ? `\n(plus ${ctx.askChannelIds.size} set by the host for every server)` : '';
  const cooldown = settings.cooldown
    ? `${settings.cooldown.questions} questions every ${settings.cooldown.seconds} s`
    : `${ctx.cooldown.limit} questions every ${ctx.cooldown.windowMs / 1000} s (default)`;
  const recording = settings.recordQuestions
    ? settings.recordQuestions
    : `${ctx.privacy.recordQuestions} (default)`;
  const embed = new EmbedBuilder()
    .setColor(ADMIN_COLOR)
    .setTitle('Oxytocin Bot settings for this server')
    .addFields(
      { name: 'Question channels', value: `${channels}${global}\n${intentLine(ctx)}` },
      {
        name: 'Private by default',
        value: settings.privateDefault
          ? 'on: `/oxytocin ask` answers only the asker unless `private:false`'
          : 'off: `/oxytocin ask` answers in the channel unless `private:true`',
      },
      { name: 'Recording', value: recording, inline: true },
      { name: 'Cooldown (per person)', value: cooldown, inline: true },
    )
    .setFooter({
      text: 'Change with /oxytocin-admin channels, private-default, recording or cooldown',
    });
  return { embeds: [embed.toJSON()], components: [] };
}

/** Whether the bot can read the messages posted in question channels. */
export function intentLine(ctx: BotContext): string {
  switch (ctx.messageContent?.state()) {
    case 'on':
      return 'Reading messages: on.';
    case 'refused':
      return `Reading messages: **refused by Discord**. Turn on ${MESSAGE_CONTENT_SWITCH}, then run \`/oxytocin-admin channels add\` again.`;
    case 'off':
      return 'Reading messages: off until a question channel is added.';
    default:
      return 'Reading messages: handled by the gateway process.';
  }
}
