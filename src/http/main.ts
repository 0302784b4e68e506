import { runCli } from '../cli/run-cli.ts';
import { loadConfig } from '../config/index.ts';
import { createLogger } from '../logger.ts';
import { startServing } from '../startup/serving.ts';
import { startInteractionsServer } from './server.ts';

/** Grace period for a clean shutdown before the process exits anyway. */
const SHUTDOWN_MS = 5000;

/**
 * `npm run start:http`: validate config and knowledge, then serve Discord's Interactions Endpoint URL on
 * HTTP_PORT until SIGINT/SIGTERM (in-flight requests finish first).
 */
runCli(async () => {
  const config = loadConfig(undefined, {
    require: ['DISCORD_PUBLIC_KEY', 'DISCORD_TOKEN', 'DISCORD_CLIENT_ID'],
  });
  const token = config.discordToken as string;
  const logger = createLogger({
    level: config.logLevel,
    pretty: config.logPretty || undefined,
    secrets: [token],
  });
  const serving = await startServing(config, logger);
  if (!serving) return 1;
  const { knowledge, recording, metrics, live } = serving;
  const { kb } = knowledge.current;
  const server = await startInteractionsServer({
    publicKey: config.publicKey as string,
    token,
    applicationId: config.clientId as string,
    apiBase: config.apiBase,
    port: config.httpPort,
    kb,
    engine: knowledge.current.engine,
    knowledge,
    logger,
    cooldown: config.cooldown,
    recorder: recording.recorder,
    privacy: config,
    store: recording.store,
    reloader: live.reloader,
    transport: 'http',
    metrics,
  }).catch((error: unknown) => {
    logger.fatal({ err: error, port: config.httpPort }, 'could not start the interactions endpoint');
    return undefined;
  });
  if (!server) {
    live.stop();
    await recording.stop();
    return 1;
  }

  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      logger.info({ signal }, 'shutting down');
      setTimeout(() => process.exit(0), SHUTDOWN_MS).unref();
      live.stop();
      server
        .close()
        .then(() => recording.stop())
        .finally(() => {
          logger.flush();
          resolve();
        });
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
  return 0;
});
