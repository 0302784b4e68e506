import {
  ChannelType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type SlashCommandChannelOption,
} from 'discord.js';
import { canManageServer, NOT_A_MANAGER, ONLY_IN_SERVERS } from '../src/admin/permissions.ts';
import { REPORT_DAYS } from '../src/admin/report-reply.ts';
import type { BotContext, CommandModule } from '../src/discord/context.ts';
import { replyText } from '../src/discord/respond.ts';
import { COOLDOWN_BOUNDS } from '../src/settings/index.ts';
import { channels } from './oxytocin-admin/channels.ts';
import { cooldown, privateDefault, recording } from './oxytocin-admin/options.ts';
import { reload } from './oxytocin-admin/reload.ts';
import { report } from './oxytocin-admin/report.ts';
import { settings } from './oxytocin-admin/settings.ts';

/**
 * /oxytocin-admin settings | channels add|remove|list | private-default | recording | cooldown | report | reload.
 * Shown to members with Manage Server, in servers only.
 */
export function data() {
  const channelOption = (description: string) => (o: SlashCommandChannelOption) =>
    o
      .setName('channel')
      .setDescription(description)
      .setRequired(true)
      .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement);
  return (
    new SlashCommandBuilder()
      .setName('oxytocin-admin')
      .setDescription('Set Oxytocin Bot up for this server (Manage Server)')
      .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
      .setContexts(InteractionContextType.Guild)
      // Deprecated by `contexts`, still read by older clients.
      .setDMPermission(false)
      .addSubcommand((s) => s.setName('settings').setDescription("This server's settings"))
      .addSubcommandGroup((g) =>
        g
          .setName('channels')
          .setDescription('Channels where the bot answers every question it is confident about')
          .addSubcommand((s) =>
            s
              .setName('add')
              .setDescription('Answer questions posted in a channel')
              .addChannelOption(channelOption('The channel to answer in')),
          )
          .addSubcommand((s) =>
            s
              .setName('remove')
              .setDescription('Stop answering every question in a channel')
              .addChannelOption(channelOption('The channel to stop answering in')),
          )
          .addSubcommand((s) => s.setName('list').setDescription("This server's question channels")),
      )
      .addSubcommand((s) =>
        s
          .setName('private-default')
          .setDescription('Make /oxytocin ask answer privately unless private:false is given')
          .addStringOption((o) =>
            o
              .setName('state')
              .setDescription('on: private unless private:false; off: in the channel')
              .setRequired(true)
              .addChoices({ name: 'on', value: 'on' }, { name: 'off', value: 'off' }),
          ),
      )
      .addSubcommand((s) =>
        s
          .setName('recording')
          .setDescription('What is kept of the questions asked in this server (never who asked)')
          .addStringOption((o) =>
            o
              .setName('mode')
              .setDescription('all, only the unanswered ones, or nothing')
              .setRequired(true)
              .addChoices(
                { name: 'all', value: 'all' },
                { name: 'unanswered', value: 'unanswered' },
                { name: 'off', value: 'off' },
              ),
          ),
      )
      .addSubcommand((s) =>
        s
          .setName('cooldown')
          .setDescription('How many questions each person may ask, and in how many seconds')
          .addIntegerOption((o) =>
            o
              .setName('questions')
              .setDescription(
                `Questions per person (${COOLDOWN_BOUNDS.questions.min}-${COOLDOWN_BOUNDS.questions.max})`,
              )
              .setRequired(true)
              .setMinValue(COOLDOWN_BOUNDS.questions.min)
              .setMaxValue(COOLDOWN_BOUNDS.questions.max),
          )
          .addIntegerOption((o) =>
            o
              .setName('seconds')
              .setDescription(
                `In this many seconds (${COOLDOWN_BOUNDS.seconds.min}-${COOLDOWN_BOUNDS.seconds.max})`,
              )
              .setRequired(true)
              .setMinValue(COOLDOWN_BOUNDS.seconds.min)
              .setMaxValue(COOLDOWN_BOUNDS.seconds.max),
          ),
      )
      .addSubcommand((s) =>
        s
          .setName('report')
          .setDescription("What people asked here: the curators' report")
          .addIntegerOption((o) =>
            o
              .setName('days')
              .setDescription(
                `The last N days (${REPORT_DAYS.min}-${REPORT_DAYS.max}, default ${REPORT_DAYS.default})`,
              )
              .setMinValue(REPORT_DAYS.min)
              .setMaxValue(REPORT_DAYS.max),
          ),
      )
      .addSubcommand((s) => s.setName('reload').setDescription('Reload the knowledge base now'))
  );
}

const HANDLERS: Record<string, (i: ChatInputCommandInteraction, ctx: BotContext) => Promise<void>> = {
  settings,
  channels,
  'private-default': privateDefault,
  recording,
  cooldown,
  report,
  reload,
};

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  if (!interaction.inGuild()) return replyText(interaction, ONLY_IN_SERVERS);
  if (!canManageServer(interaction.memberPermissions)) return replyText(interaction, NOT_A_MANAGER);
  const name = interaction.options.getSubcommandGroup(false) ?? interaction.options.getSubcommand();
  const handler = HANDLERS[name];
  if (!handler) throw new Error(`unknown subcommand ${name}`);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  await handler(interaction, ctx);
}

export default { data, execute } satisfies CommandModule as CommandModule;
