import {
  ApplicationCommandType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import { askEngine } from '../src/discord/ask-engine.ts';
import type { BotContext, CommandModule } from '../src/discord/context.ts';
import { recordQuestion } from '../src/discord/record.ts';
import { renderResult } from '../src/discord/render/answer.ts';
import { passCooldown, reply, replyText } from '../src/discord/respond.ts';

export const NAME = 'Ask Oxytocin Bot';

/** Message context menu "Ask Oxytocin Bot": answers the text of a message, privately to the user who used it. */
export function data() {
  return new ContextMenuCommandBuilder()
    .setName(NAME)
    .setType(ApplicationCommandType.Message)
    .setContexts(
      InteractionContextType.Guild,
      InteractionContextType.BotDM,
      InteractionContextType.PrivateChannel,
    );
}

export async function execute(
  interaction: MessageContextMenuCommandInteraction,
  ctx: BotContext,
): Promise<void> {
  if (!(await passCooldown(interaction, ctx))) return;
  const text = interaction.targetMessage.content.trim();
  if (!text) return replyText(interaction, 'That message has no text I can read.');
  const result = askEngine(ctx, text, 'context-menu');
  try {
    await reply(interaction, renderResult(result, ctx.kb, { question: text, shareable: true }), {
      ephemeral: true,
    });
  } finally {
    recordQuestion(ctx, 'context-menu', interaction.guildId, text, result);
  }
}

export default {
  data,
  execute: execute as CommandModule['execute'],
} satisfies CommandModule as CommandModule;
