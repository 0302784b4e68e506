import { runCli } from './cli/run-cli.ts';
import { loadConfig } from './config/index.ts';
import { startBot } from './discord/bot.ts';
import { startGatewayHealth } from './http/health.ts';
import { createLogger } from './logger.ts';
import { knowledgeStatus } from './reload/index.ts';
import { startServing } from './startup/serving.ts';

/** Grace period for a clean shutdown before the process exits anyway. */
const SHUTDOWN_MS = 4000;

/** `npm start`: validate config and knowledge, log in, serve until SIGINT/SIGTERM. */
runCli(async () => {
  const config = loadConfig(undefined, { require: ['DISCORD_TOKEN'] });
  const token = config.discordToken as string;
  const shardIds = shardIdsFromEnv(process.env.SHARDS);
  // SHARD_COUNT configures `npm run start:sharded`. discord.js also reads it, so outside a ShardingManager
  // (no SHARDS given) it would run that many shards in this one process: plain `npm start` is one shard.
  if (!shardIds) delete process.env.SHARD_COUNT;
  const logger = createLogger({
    level: config.logLevel,
    pretty: config.logPretty || undefined,
    secrets: [token],
  }).child(shardIds ? { shardIds } : {});
  const serving = await startServing(config, logger);
  if (!serving) return 1;
  const { knowledge, recording, metrics, live } = serving;
  const { kb } = knowledge.current;
  const bot = await startBot({
    token,
    kb,
    engine: knowledge.current.engine,
    knowledge,
    logger,
    apiBase: config.apiBase,
    askChannelIds: config.askChannelIds,
    cooldown: config.cooldown,
    recorder: recording.recorder,
    privacy: config,
    metrics,
    store: recording.store,
    reloader: live.reloader,
  }).catch((error: unknown) => {
    logger.fatal({ err: error }, 'login failed');
    return undefined;
  });
  if (!bot) {
    live.stop();
    await recording.stop();
    return 1;
  }
  const health = await startGatewayHealth({
    port: config.healthPort,
    shardIds,
    client: () => bot.client,
    logger,
    knowledge: () => knowledgeStatus(knowledge),
    metrics,
  }).catch(async (error: unknown) => {
    logger.fatal({ err: error, port: config.healthPort }, 'could not start the health endpoint');
    live.stop();
    await bot.stop();
    await recording.stop();
    return 'failed' as const;
  });
  if (health === 'failed') return 1;

  await new Promise<void>((resolve) => {
    let stopping = false;
    const shutdown = (signal: string) => {
      // Under the ShardingManager, Ctrl-C reaches this process and the manager's SIGTERM follows: stop once.
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down');
      setTimeout(() => process.exit(0), SHUTDOWN_MS).unref();
      live.stop();
      Promise.all([bot.stop(), health?.close()])
        .then(() => recording.stop())
        .finally(() => {
          logger.flush();
          resolve();
        });
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
    // A shard whose manager is gone (killed, crashed) stops too, rather than serving on as an orphan.
    if (process.connected) process.once('disconnect', () => shutdown('manager disconnected'));
  });
  return 0;
});

/**
 * The shard ids the ShardingManager gave this process (`SHARDS`, e.g. `0`), to label its log lines. The
 * discord.js Client reads `SHARDS` and `SHARD_COUNT` itself, since the bot sets neither option.
 */
function shardIdsFromEnv(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  try {
    const ids = [JSON.parse(value)].flat();
    return ids.every((id) => Number.isInteger(id)) ? (ids as number[]) : undefined;
  } catch {
    return undefined;
  }
}
