import { loadConfig } from '../config/index.ts';
import { deployCommands } from '../discord/deploy.ts';
import { commandDefinitions } from '../discord/load-commands.ts';
import { loadKnowledgeOrReport } from './load-knowledge.ts';
import { runCli } from './run-cli.ts';

/**
 * `npm run deploy-commands [-- --dry-run]`: registers the command set, in one guild when DISCORD_GUILD_ID is
 * set (instant), else globally. A PUT replaces the whole set, so removed commands disappear too.
 */
runCli(async () => {
  const dryRun = process.argv.includes('--dry-run');
  const config = loadConfig(undefined, { require: dryRun ? [] : ['DISCORD_TOKEN', 'DISCORD_CLIENT_ID'] });
  const kb = await loadKnowledgeOrReport(config.knowledgeDir);
  if (!kb) return 1;
  const body = commandDefinitions(kb);
  if (dryRun) {
    console.log(JSON.stringify(body, null, 2));
    return 0;
  }
  const registered = await deployCommands(
    {
      token: config.discordToken as string,
      clientId: config.clientId as string,
      guildId: config.guildId,
      apiBase: config.apiBase,
    },
    body,
  );
  const where = config.guildId ? `guild ${config.guildId}` : 'globally (may take a while to appear)';
  console.log(`Registered ${registered.length} command(s) ${where}:`);
  for (const c of registered) console.log(`  ${c.type === 3 ? '(message menu) ' : '/'}${c.name}`);
  return 0;
});
