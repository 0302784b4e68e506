import {
  ApplicationCommandType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
} from 'discord.js';
import { askEngine } from '../src/discord/ask-engine.ts';
import type { BotContext, CommandModule } from '../src/discord/context.ts';
import { isConfident, notSureText } from '../src/discord/on-behalf/not-sure.ts';
import {
  missingPermissions,
  missingPermissionsText,
  REPLY_TO_MESSAGE,
} from '../src/discord/on-behalf/permissions.ts';
import { postReply, sentText } from '../src/discord/on-behalf/reply-to-message.ts';
import { recordQuestion } from '../src/discord/record.ts';
import { renderResult } from '../src/discord/render/answer.ts';
import { sentBy } from '../src/discord/render/on-behalf.ts';
import { NO_PINGS } from '../src/discord/render/reply.ts';
import { passCooldown, reply, replyText } from '../src/discord/respond.ts';

export const NAME = 'Reply with Oxytocin Bot';

export const REPLY_TO_A_BOT =
  "That message is from a bot, so I won't reply to it. Use **Reply with Oxytocin Bot** on the question of the person you're helping.";
export const REPLY_OUTSIDE_A_SERVER = '**Reply with Oxytocin Bot** works on messages in a server channel.';

/**
 * Message context menu "Reply with Oxytocin Bot": a helper answers someone's message publicly, as a reply to
 * it that pings its author only. When the bot is not confident nothing is posted: the helper gets the "did you
 * mean" privately, and a pick posts that entry as the reply.
 */
export function data() {
  return new ContextMenuCommandBuilder()
    .setName(NAME)
    .setType(ApplicationCommandType.Message)
    .setContexts(InteractionContextType.Guild);
}

export async function execute(
  interaction: MessageContextMenuCommandInteraction,
  ctx: BotContext,
): Promise<void> {
  if (!interaction.inGuild()) return replyText(interaction, REPLY_OUTSIDE_A_SERVER);
  const target = interaction.targetMessage;
  if (target.author.bot) return replyText(interaction, REPLY_TO_A_BOT);
  const text = target.content.trim();
  if (!text) return replyText(interaction, 'That message has no text I can read.');
  const missing = missingPermissions(interaction.appPermissions, REPLY_TO_MESSAGE);
  if (missing.length > 0) return replyText(interaction, missingPermissionsText(missing));
  if (!(await passCooldown(interaction, ctx))) return;

  const result = askEngine(ctx, text, 'context-menu');
  try {
    if (isConfident(result, ctx.kb)) {
      // Posting the reply is a second request: acknowledge first so a slow one cannot miss the 3 s deadline.
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const posted = await postReply(
        interaction,
        ctx,
        { guildId: interaction.guildId, channelId: interaction.channelId, messageId: target.id },
        sentBy(renderResult(result, ctx.kb), interaction.user.id),
      );
      await interaction.editReply({
        content: posted.sent ? sentText(posted.url) : posted.problem,
        allowedMentions: NO_PINGS,
      });
      return;
    }
    const shown = renderResult(result, ctx.kb, {
      question: text,
      pickAction: { action: 'pick-reply', messageId: target.id },
    });
    const lead = notSureText(result, `<@${target.author.id}>`, 'post it as a reply to their message');
    await reply(interaction, { ...shown, content: lead }, { ephemeral: true });
  } finally {
    recordQuestion(ctx, 'context-menu', interaction.guildId, text, result);
  }
}

export default {
  data,
  execute: execute as CommandModule['execute'],
} satisfies CommandModule as CommandModule;
