import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type Message,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  type MessageMentionOptions,
  type StringSelectMenuInteraction,
} from 'discord.js';
import type { BotContext } from './context.ts';
import { NO_PINGS, type Reply } from './render/reply.ts';
import { serverCooldown } from './server-settings.ts';

export type Repliable =
  | ChatInputCommandInteraction
  | MessageContextMenuCommandInteraction
  | ButtonInteraction
  | StringSelectMenuInteraction;

/** Replies once, pinging nobody unless `allowedMentions` names who (see render/reply.ts). */
export async function reply(
  interaction: Repliable,
  message: Reply,
  {
    ephemeral = false,
    allowedMentions = NO_PINGS,
  }: { ephemeral?: boolean; allowedMentions?: MessageMentionOptions } = {},
): Promise<void> {
  await interaction.reply({
    content: message.content,
    embeds: message.embeds,
    components: message.components,
    allowedMentions,
    ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  });
}

/** Replaces the message a component belongs to (paging, category menus). */
export async function update(
  interaction: ButtonInteraction | StringSelectMenuInteraction,
  message: Reply,
): Promise<void> {
  await interaction.update({
    content: message.content ?? null,
    embeds: message.embeds,
    components: message.components,
    allowedMentions: NO_PINGS,
  });
}

export async function replyText(
  interaction: Repliable,
  text: string,
  { ephemeral = true } = {},
): Promise<void> {
  await interaction.reply({
    content: text,
    allowedMentions: NO_PINGS,
    ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  });
}

/**
 * The per-user cooldown. Returns true when the user may go on; otherwise it has told them (ephemerally) when
 * they can ask again.
 */
export async function passCooldown(interaction: Repliable, ctx: BotContext): Promise<boolean> {
  const until = ctx.cooldown.take(interaction.user.id, serverCooldown(ctx, interaction.guildId));
  if (until === 0) return true;
  await replyText(interaction, cooldownText(until));
  return false;
}

export function cooldownText(until: number): string {
  return `You're asking quickly. Try again <t:${Math.ceil(until / 1000)}:R>.`;
}

/** Tells the user something went wrong, by whichever response is still valid. Never throws. */
export async function reportFailure(
  interaction: Interaction,
  ctx: BotContext,
  error: unknown,
): Promise<void> {
  ctx.logger.error(
    {
      err: error,
      interactionId: interaction.id,
      command: 'commandName' in interaction ? interaction.commandName : undefined,
      customId: 'customId' in interaction ? interaction.customId : undefined,
    },
    'interaction handler failed',
  );
  if (!interaction.isRepliable()) return;
  const message = {
    content: 'Something went wrong; it has been logged.',
    allowedMentions: NO_PINGS,
    flags: MessageFlags.Ephemeral,
  } as const;
  try {
    if (interaction.replied || interaction.deferred) await interaction.followUp(message);
    else await interaction.reply(message);
  } catch (notifyError) {
    ctx.logger.warn(
      { err: notifyError, interactionId: interaction.id },
      'could not tell the user about a failure',
    );
  }
}

/** Whether a message carries the ephemeral flag. */
export function isEphemeral(message: Message | null | undefined): boolean {
  return message?.flags.has(MessageFlags.Ephemeral) ?? false;
}
