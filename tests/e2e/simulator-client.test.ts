import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Partials,
  SlashCommandBuilder,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';

const TOKEN = 'smoke-test-token';

describe('a plain discord.js Client against the simulator', () => {
  let sim: Simulator;
  let client: Client;

  beforeAll(async () => {
    sim = await startSimulator({ token: TOKEN });
    client = new Client({
      intents: [
        GatewayIntentBits.Guilds,
        GatewayIntentBits.GuildMessages,
        GatewayIntentBits.DirectMessages,
        GatewayIntentBits.MessageContent,
      ],
      partials: [Partials.Channel],
      allowedMentions: { parse: [], repliedUser: false },
      rest: { api: sim.apiBase },
      ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) },
    });

    client.on(Events.InteractionCreate, async (interaction) => {
      if (interaction.isChatInputCommand() && interaction.commandName === 'echo') {
        const text = interaction.options.getString('text', true);
        if (interaction.options.getSubcommand() === 'later') {
          await interaction.deferReply({ flags: MessageFlags.Ephemeral });
          await interaction.editReply(`later: ${text}`);
          return;
        }
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('again').setLabel('Again').setStyle(ButtonStyle.Primary),
        );
        await interaction.reply({ content: `echo: ${text}`, components: [row] });
        await interaction.followUp({ content: 'a follow-up', flags: MessageFlags.Ephemeral });
      } else if (interaction.isButton() && interaction.customId === 'again') {
        await interaction.update({ content: `${interaction.message.content} (again)`, components: [] });
      }
    });
    client.on(Events.MessageCreate, async (message) => {
      if (message.author.bot || !client.user || !message.mentions.has(client.user)) return;
      await message.reply(`you said: ${message.content.replace(/<@!?\d+>/g, '').trim()}`);
    });

    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(TOKEN);
    await ready;
    const command = new SlashCommandBuilder()
      .setName('echo')
      .setDescription('Echoes text')
      .addSubcommand((sub) =>
        sub
          .setName('now')
          .setDescription('Reply now')
          .addStringOption((option) => option.setName('text').setDescription('Text').setRequired(true)),
      )
      .addSubcommand((sub) =>
        sub
          .setName('later')
          .setDescription('Defer, then reply')
          .addStringOption((option) => option.setName('text').setDescription('Text').setRequired(true)),
      );
    await client.application?.commands.set([command.toJSON()], sim.guild.id);
  });

  afterAll(async () => {
    await client?.destroy();
    await sim?.stop();
  });

  it('logs in, gets ready with the fixture guild and registers commands', () => {
    expect(client.user?.id).toBe(sim.botUser.id);
    expect(client.guilds.cache.get(sim.guild.id)?.channels.cache.has(sim.channel.id)).toBe(true);
    expect(sim.commands(sim.guild.id).map((command) => command.name)).toEqual(['echo']);
  });

  it('delivers a slash command and shows the reply, its follow-up and a button round trip', async () => {
    const result = await sim.slash('echo', 'now', { text: 'hello' });
    expect(result).toMatchObject({
      type: 'reply',
      content: 'echo: hello',
      ephemeral: false,
      timedOut: false,
    });
    expect(result.followUps).toHaveLength(1);
    expect(result.followUps[0]).toMatchObject({ content: 'a follow-up', ephemeral: true });

    const clicked = await sim.clickButton(result, 'again');
    expect(clicked).toMatchObject({ type: 'update', content: 'echo: hello (again)', components: [] });
  });

  it('waits for a deferred reply to be edited', async () => {
    const result = await sim.slash('echo', 'later', { text: 'patience' });
    expect(result).toMatchObject({ type: 'deferred-reply', content: 'later: patience', ephemeral: true });
  });

  it('round-trips a message that mentions the bot, and a DM', async () => {
    const result = await sim.sendMessage('ping', { mentionBot: true });
    expect(result.type).toBe('message');
    expect(result.content).toBe('you said: ping');
    const userMessage = result.raw.event as { id: string };
    expect(result.replyTo).toBe(userMessage.id);

    const dm = await sim.sendMessage('in private', { dm: true, mentionBot: true });
    expect(dm.content).toBe('you said: in private');
    expect(dm.raw.message?.channel_id).toBe(sim.dmChannel().id);
  });

  it('breaks no Discord rule', () => {
    expect(sim.violations()).toEqual([]);
  });
});
