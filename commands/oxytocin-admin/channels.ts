import type { ChatInputCommandInteraction } from 'discord.js';
import { intentLine } from '../../src/admin/settings-view.ts';
import type { BotContext } from '../../src/discord/context.ts';
import { MESSAGE_CONTENT_SWITCH } from '../../src/discord/message-content.ts';
import { MAX_QUESTION_CHANNELS, SETTINGS_TTL_MS } from '../../src/settings/index.ts';
import { saveSetting, say } from './say.ts';

/** /oxytocin-admin channels add | remove | list */
export async function channels(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const sub = interaction.options.getSubcommand();
  if (sub === 'list') {
    const list = ctx.server.questionChannelIds.map((id) => `<#${id}>`).join(', ');
    await say(
      interaction,
      `${list ? `Question channels: ${list}.` : 'No question channels in this server.'}\n${intentLine(ctx)}`,
    );
    return;
  }
  const channel = interaction.options.getChannel('channel', true);
  if (sub === 'remove') {
    let had = false;
    await saveSetting(
      interaction,
      ctx,
      (s) => {
        had = s.questionChannelIds.includes(channel.id);
        return { ...s, questionChannelIds: s.questionChannelIds.filter((id) => id !== channel.id) };
      },
      () =>
        had
          ? `Removed <#${channel.id}>: I no longer answer every question posted there (mentions still work).`
          : `<#${channel.id}> was not a question channel; nothing changed.`,
    );
    return;
  }
  let outcome: 'added' | 'already' | 'full' = 'added';
  await saveSetting(
    interaction,
    ctx,
    (s) => {
      if (s.questionChannelIds.includes(channel.id)) outcome = 'already';
      else if (s.questionChannelIds.length >= MAX_QUESTION_CHANNELS) outcome = 'full';
      else return { ...s, questionChannelIds: [...s.questionChannelIds, channel.id] };
      return s;
    },
    async () => {
      if (outcome === 'full')
        return `This server already has ${MAX_QUESTION_CHANNELS} question channels, the most it can have. Remove one first.`;
      const lead =
        outcome === 'already'
          ? `<#${channel.id}> is already a question channel.`
          : `Added <#${channel.id}>: I answer the questions posted there that I can answer confidently.`;
      return `${lead}\n${await readingMessages(ctx)}`;
    },
  );
}

/** Turns the Message Content intent on if this is the first question channel, and says how that went. */
async function readingMessages(ctx: BotContext): Promise<string> {
  if (!ctx.messageContent)
    return `The gateway process starts reading messages there within ${Math.ceil(SETTINGS_TTL_MS / 1000)} s.`;
  const state = await ctx.messageContent.request();
  if (state === 'on') return 'Reading messages: on.';
  return `**Discord refused the Message Content intent**, so I cannot read the messages posted there yet. The bot's owner must turn on **${MESSAGE_CONTENT_SWITCH}**, then run this command again. Mentions, DMs and commands keep working meanwhile.`;
}
