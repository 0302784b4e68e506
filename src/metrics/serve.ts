import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.ts';
import type { BotMetrics } from './bot-metrics.ts';

export const METRICS_PATH = '/metrics';

/**
 * Answers `GET`/`HEAD /metrics` with the Prometheus text format; returns false for any other request. The
 * response is written once the registry has been read (gauges read their sources then).
 */
export function serveMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  metrics: BotMetrics,
  logger: Logger,
): boolean {
  const path = (req.url ?? '').split('?')[0];
  if (path !== METRICS_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  metrics.scrape().then(
    (text) => {
      res.writeHead(200, {
        'content-type': metrics.contentType,
        'content-length': Buffer.byteLength(text),
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : text);
    },
    (error: unknown) => {
      logger.error({ err: error }, 'could not collect metrics');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('could not collect metrics\n');
    },
  );
  return true;
}
