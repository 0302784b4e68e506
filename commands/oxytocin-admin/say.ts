import type { ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../../src/discord/context.ts';
import { NO_PINGS, type Reply } from '../../src/discord/render/reply.ts';
import type { ServerSettings } from '../../src/settings/index.ts';

/** Every /oxytocin-admin reply is deferred (ephemerally) first: the store may take a moment. */
export async function say(interaction: ChatInputCommandInteraction, message: string | Reply): Promise<void> {
  await interaction.editReply(
    typeof message === 'string'
      ? { content: message, embeds: [], components: [], allowedMentions: NO_PINGS }
      : { ...message, allowedMentions: NO_PINGS },
  );
}

/**
 * Saves a change to this server's settings and says what it means; a store that fails is logged with the
 * server and the subcommand, the admin is told nothing changed, and the bot carries on.
 */
export async function saveSetting(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
  change: (current: ServerSettings) => ServerSettings,
  done: (saved: ServerSettings) => string | Promise<string>,
): Promise<void> {
  const guildId = interaction.guildId as string;
  let saved: ServerSettings;
  try {
    saved = await ctx.settings.update(guildId, change);
  } catch (error) {
    ctx.logger.error(
      { err: error, guildId, subcommand: subcommandName(interaction) },
      'could not save a server setting',
    );
    await say(
      interaction,
      'Sorry, I could not save that: the database did not answer. Nothing changed; please try again in a minute.',
    );
    return;
  }
  ctx.logger.info({ guildId, subcommand: subcommandName(interaction) }, 'server setting changed');
  await say(interaction, await done(saved));
}

function subcommandName(interaction: ChatInputCommandInteraction): string {
  const group = interaction.options.getSubcommandGroup(false);
  return group ? `${group} ${interaction.options.getSubcommand()}` : interaction.options.getSubcommand();
}
