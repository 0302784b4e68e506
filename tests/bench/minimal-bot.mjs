// The baseline for `npm run bench:e2e`: a minimal discord.js 14 bot with default caches and options. It logs in
// and answers every slash command with a fixed reply, nothing else. DISCORD_API_BASE points it at the simulator.
import { Client, Events, GatewayIntentBits } from 'discord.js';

const client = new Client({
  intents: [GatewayIntentBits.Guilds],
  rest: { api: process.env.DISCORD_API_BASE },
});

client.on(Events.InteractionCreate, (interaction) => {
  if (!interaction.isChatInputCommand()) return;
  interaction.reply({ content: 'Hello from a minimal bot.' }).catch((error) => console.error(error));
});
client.once(Events.ClientReady, (c) =>
  console.log(`ready as ${c.user.tag} in ${c.guilds.cache.size} guilds`),
);

process.on('SIGTERM', () => client.destroy().then(() => process.exit(0)));
await client.login(process.env.DISCORD_TOKEN);
