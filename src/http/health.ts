import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type Client, Status } from 'discord.js';
import type { Logger } from '../logger.ts';
import { type BotMetrics, serveMetrics } from '../metrics/index.ts';
import { closeServer, listen, sendJson } from './serve.ts';

/** A health check: `healthy` picks 200 or 503, `body` is the JSON served at `GET /healthz`. */
export interface HealthReport {
  healthy: boolean;
  body: Record<string, unknown>;
}
export type HealthCheck = () => HealthReport;

export const HEALTH_PATH = '/healthz';

/** The knowledge a process serves: its content hash, so an operator can compare replicas. */
export type KnowledgeStatus = () => { hash: string; entries: number; loadedAt: string };

/**
 * Gateway mode: ready once every shard is connected and has received its guilds. Pass a function when the
 * bot may replace its client (identifying again with other intents).
 */
export function gatewayHealth(current: Client | (() => Client), knowledge?: KnowledgeStatus): HealthCheck {
  return () => {
    const client = typeof current === 'function' ? current() : current;
    const ready = client.isReady() && client.ws.shards.every((shard) => shard.status === Status.Ready);
    const ping = client.ws.ping;
    return {
      healthy: ready,
      body: {
        status: ready ? 'ok' : 'unavailable',
        ready,
        wsPingMs: Number.isFinite(ping) && ping >= 0 ? Math.round(ping) : null,
        guilds: client.guilds.cache.size,
        ...(knowledge ? { knowledge: knowledge() } : {}),
      },
    };
  };
}

/** HTTP interactions mode: stateless, so healthy whenever it is serving. */
export function httpHealth(
  knowledge: number | KnowledgeStatus,
  startedAt = Date.now(),
  now = Date.now,
): HealthCheck {
  return () => {
    const status = typeof knowledge === 'number' ? undefined : knowledge();
    return {
      healthy: true,
      body: {
        status: 'ok',
        mode: 'http',
        entries: status?.entries ?? knowledge,
        uptimeSeconds: Math.floor((now() - startedAt) / 1000),
        ...(status ? { knowledge: status } : {}),
      },
    };
  };
}

/** Answers `GET`/`HEAD /healthz` with the check; returns false for any other request. */
export function serveHealth(req: IncomingMessage, res: ServerResponse, check: HealthCheck): boolean {
  const path = (req.url ?? '').split('?')[0];
  if (path !== HEALTH_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  const report = check();
  sendJson(res, report.healthy ? 200 : 503, report.body);
  return true;
}

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/** A server that answers `GET /healthz` and, given metrics, `GET /metrics` (gateway mode, `HEALTH_PORT`). */
export async function startHealthServer(options: {
  port: number;
  host?: string;
  check: HealthCheck;
  logger: Logger;
  metrics?: BotMetrics;
}): Promise<HealthServer> {
  const { metrics, logger } = options;
  const server = createServer((req, res) => {
    try {
      if (serveHealth(req, res, options.check)) return;
      if (metrics && serveMetrics(req, res, metrics, logger)) return;
      sendJson(res, 404, { error: 'not found' });
    } catch (error) {
      logger.error({ err: error, path: req.url }, 'health check failed');
      if (!res.headersSent) sendJson(res, 500, { status: 'error' });
    }
  });
  const port = await listen(server, options.port, options.host);
  logger.info({ port, metrics: metrics !== undefined }, 'health endpoint listening');
  return { port, close: () => closeServer(server) };
}

/**
 * Gateway mode's `HEALTH_PORT` (nothing when unset). Under the ShardingManager every shard process runs the
 * bot with the same environment, so each one serves on HEALTH_PORT + its first shard id instead of colliding.
 */
export async function startGatewayHealth(options: {
  port: number | undefined;
  host?: string;
  client: Client | (() => Client);
  logger: Logger;
  shardIds?: number[];
  knowledge?: KnowledgeStatus;
  /** Served as `GET /metrics` on the same port. */
  metrics?: BotMetrics;
}): Promise<HealthServer | undefined> {
  if (options.port === undefined) return undefined;
  const port = options.port + (options.shardIds?.[0] ?? 0);
  return startHealthServer({
    port,
    host: options.host,
    check: gatewayHealth(options.client, options.knowledge),
    logger: options.logger,
    metrics: options.metrics,
  });
}
