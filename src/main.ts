import { runCli } from './cli/run-cli.ts';
import { loadConfig } from './config/index.ts';
import { startBot } from './discord/bot.ts';
import { createEngine } from './engine/index.ts';
import { formatProblem, loadKnowledgeBase } from './knowledge/index.ts';
import { createLogger } from './logger.ts';

/** Grace period for a clean shutdown before the process exits anyway. */
const SHUTDOWN_MS = 4000;

/** `npm start`: validate config and knowledge, log in, serve until SIGINT/SIGTERM. */
runCli(async () => {
  const config = loadConfig(undefined, { require: ['DISCORD_TOKEN'] });
  const token = config.discordToken as string;
  const logger = createLogger({
    level: config.logLevel,
    pretty: config.logPretty || undefined,
    secrets: [token],
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

  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  const bot = await startBot({
    token,
    kb,
    engine: createEngine(kb),
    logger,
    apiBase: config.apiBase,
    askChannelIds: config.askChannelIds,
    cooldown: config.cooldown,
  }).catch((error: unknown) => {
    logger.fatal({ err: error }, 'login failed');
    return undefined;
  });
  if (!bot) return 1;

  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      logger.info({ signal }, 'shutting down');
      setTimeout(() => process.exit(0), SHUTDOWN_MS).unref();
      bot.stop().finally(() => {
        logger.flush();
        resolve();
      });
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
  return 0;
});
