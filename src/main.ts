import { runCli } from './cli/run-cli.ts';
import { loadConfig } from './config/index.ts';
import { formatProblem, loadKnowledgeBase } from './knowledge/index.ts';
import { createLogger } from './logger.ts';

/** `npm start`: validate the configuration and the knowledge base, then run the bot. */
runCli(async () => {
  const config = loadConfig(undefined, { require: ['DISCORD_TOKEN'] });
  const logger = createLogger({
    level: config.logLevel,
    pretty: config.logPretty || undefined,
    secrets: [config.discordToken],
  });
  const { kb, problems } = await loadKnowledgeBase(config.knowledgeDir);
  if (!kb) {
    for (const p of problems) console.error(formatProblem(p));
    console.error(
      `Not starting: the knowledge base in ${config.knowledgeDir} has ${problems.length} problem(s).`,
    );
    return 1;
  }
  logger.info({ entries: kb.entries.length, references: kb.references.size }, 'knowledge base loaded');
  return 0;
});
