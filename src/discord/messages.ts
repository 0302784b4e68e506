import type { Client, Message } from 'discord.js';
import { askEngine } from './ask-engine.ts';
import { type BotContext, withCurrentKnowledge } from './context.ts';
import { recordQuestion } from './record.ts';
import { renderResult } from './render/answer.ts';
import { NO_PINGS } from './render/reply.ts';
import { cooldownText } from './respond.ts';
import { isQuestionChannel, serverCooldown } from './server-settings.ts';

/** Confidence a question-channel answer needs: a busy channel gets no guesses, suggestions or no-match noise. */
export const QUESTION_CHANNEL_CONFIDENCE = 0.8;

/**
 * Mentions ("@Oxytocin Bot where is oxytocin made?"), DMs, and (when configured) question channels. Replies to
 * the message, never pinging anyone. Ignores bots, including itself.
 */
export function createMessageHandler(client: Client, base: BotContext) {
  return async (message: Message): Promise<void> => {
    if (message.author.bot || message.system || !client.user) return;
    const botId = client.user.id;
    const isDm = message.guildId === null;
    const mentioned = message.mentions.users.has(botId);
    const ctx = { ...withCurrentKnowledge(base), server: await base.settings.get(message.guildId) };
    const questionChannel = !isDm && isQuestionChannel(ctx, message.channelId);
    if (!isDm && !mentioned && !questionChannel) return;
    const cooldown = serverCooldown(ctx, message.guildId);

    const question = message.content.replace(new RegExp(`<@!?${botId}>`, 'g'), ' ').trim();
    try {
      if (!isDm && !mentioned) {
        if (!looksLikeQuestion(question)) return;
        const result = askEngine(ctx, question, 'channel');
        if (result.status !== 'answered' || result.confidence < QUESTION_CHANNEL_CONFIDENCE) return;
        if (ctx.cooldown.take(message.author.id, cooldown) !== 0) return;
        // Only what the bot answered is recorded: people chatting in the channel did not ask the bot.
        try {
          await send(message, renderResult(result, ctx.kb));
        } finally {
          recordQuestion(ctx, 'channel', message.guildId, question, result);
        }
        return;
      }
      const until = ctx.cooldown.take(message.author.id, cooldown);
      if (until !== 0) {
        await message.reply({ content: cooldownText(until), allowedMentions: NO_PINGS });
        return;
      }
      const source = isDm ? 'dm' : 'mention';
      const result = askEngine(ctx, question, source);
      try {
        await send(message, renderResult(result, ctx.kb, { question: question || undefined }));
      } finally {
        if (question) recordQuestion(ctx, source, message.guildId, question, result);
      }
    } catch (error) {
      ctx.metrics.handlerFailed('message');
      ctx.logger.error(
        { err: error, messageId: message.id, channelId: message.channelId, guildId: message.guildId },
        'could not answer a message',
      );
    }
  };
}

function send(message: Message, reply: ReturnType<typeof renderResult>) {
  return message.reply({
    content: reply.content,
    embeds: reply.embeds,
    components: reply.components,
    allowedMentions: NO_PINGS,
  });
}

/** A message in a question channel is treated as a question when it reads like one. */
export function looksLikeQuestion(text: string): boolean {
  const t = text.trim().toLowerCase();
  if (t.length < 8) return false;
  return (
    t.includes('?') ||
    /^(what|whats|where|when|why|how|who|which|does|do|did|is|are|can|could|should|would|will|has|have|any|anyone)\b/.test(
      t,
    )
  );
}
