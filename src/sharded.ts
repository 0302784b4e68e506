import { runCli } from './cli/run-cli.ts';
import { loadConfig } from './config/index.ts';
import { startShardFleet } from './discord/sharding.ts';
import { createLogger } from './logger.ts';

/** Hard limit for a clean shutdown (each shard gets SIGTERM, then SIGKILL after 6 s). */
const SHUTDOWN_MS = 8000;

/**
 * `npm run start:sharded`: the bot as SHARD_COUNT processes (default 2) under discord.js's ShardingManager,
 * each one `npm start` for its shard. Logs each shard's start and readiness; SIGINT/SIGTERM stop them all.
 */
runCli(async () => {
  const config = loadConfig(undefined, { require: ['DISCORD_TOKEN'] });
  const token = config.discordToken as string;
  const logger = createLogger({
    level: config.logLevel,
    pretty: config.logPretty || undefined,
    secrets: [token],
  }).child({ role: 'shard-manager' });

  let stopping: Promise<void> | undefined;
  const fleet = startShardFleet({
    token,
    totalShards: config.shardCount,
    shardList: config.shardList,
    logger,
  });
  const stopped = new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      if (stopping) return;
      logger.info({ signal }, 'shutting down all shards');
      setTimeout(() => process.exit(0), SHUTDOWN_MS).unref();
      stopping = fleet.stop().finally(() => {
        logger.info('all shards stopped');
        logger.flush();
        resolve();
      });
    };
    // On Ctrl-C the terminal signals the shards too; they stop once either way.
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  });
  // SIGHUP reloads the knowledge base in every shard (each also watches KNOWLEDGE_DIR on its own).
  process.on('SIGHUP', () => {
    logger.info('SIGHUP: asking every shard to reload the knowledge base');
    for (const shard of fleet.manager.shards.values()) shard.process?.kill('SIGHUP');
  });

  try {
    await fleet.ready;
  } catch (error) {
    logger.fatal({ err: error }, 'a shard failed to start; stopping the others');
    await fleet.stop();
    return 1;
  }
  await stopped;
  return 0;
});
