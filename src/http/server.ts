import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { APIInteraction } from 'discord.js';
import { z } from 'zod';
import { type ContextOptions, createBotContext, createBotRouter } from '../discord/bot.ts';
import type { Logger } from '../logger.ts';
import { serveMetrics, timeReplies } from '../metrics/index.ts';
import { knowledgeStatus } from '../reload/holder.ts';
import { readBody } from './body.ts';
import { createDispatcher, type DispatchOutcome } from './dispatch.ts';
import { httpHealth, serveHealth } from './health.ts';
import { createRestOnlyClient } from './rest-client.ts';
import { closeServer, listen, sendJson } from './serve.ts';
import { isFresh, isSignedBy, publicKeyFromHex, signatureHeaders } from './verify.ts';

export const INTERACTIONS_PATH = '/interactions';

export interface InteractionsServerOptions extends ContextOptions {
  /** DISCORD_PUBLIC_KEY: 64 hex characters. */
  publicKey: string;
  /** DISCORD_TOKEN, for REST calls that need it (interaction callbacks and follow-ups do not). */
  token: string;
  /** DISCORD_CLIENT_ID. */
  applicationId: string;
  apiBase?: string;
  port: number;
  /** Default: every interface (behind a load balancer). */
  host?: string;
}

export interface InteractionsServer {
  port: number;
  close(): Promise<void>;
}

/** The fields every interaction has; the rest is discord.js's to read. */
const interactionShape = z.looseObject({
  type: z.number().int(),
  id: z.string(),
  application_id: z.string(),
  token: z.string(),
});

const PING = 1;

/**
 * Discord's Interactions Endpoint URL: `POST /interactions` (Ed25519-signed by Discord), `GET /healthz` and
 * `GET /metrics`.
 * Stateless: the knowledge base and engine are read-only, so any number of replicas can serve behind a load
 * balancer (the per-user cooldown is counted per replica).
 *
 * Response design: the handlers are the gateway bot's, unchanged, and reply through REST
 * (`POST /interactions/:id/:token/callback`), which Discord accepts for HTTP interactions too. The HTTP request
 * is answered 202 with an empty body once that callback has come back. Returning the callback as the HTTP body
 * instead would save one round trip, but it means intercepting discord.js's REST call and telling the handler
 * it succeeded before Discord has seen anything: a follow-up or edit sent next could then reach Discord before
 * the acknowledgement it depends on, and a failed callback could not be reported. This way `reply`,
 * `replied`, `followUp` and error reporting behave exactly as on the gateway.
 */
export async function startInteractionsServer(
  options: InteractionsServerOptions,
): Promise<InteractionsServer> {
  const { logger } = options;
  const key = publicKeyFromHex(options.publicKey);
  const client = createRestOnlyClient(options);
  const context = createBotContext(options);
  const onInteraction = timeReplies(client.rest, context.metrics, createBotRouter(context));
  const dispatcher = createDispatcher(client, onInteraction, logger);
  const health = httpHealth(() => knowledgeStatus(context.knowledge));

  const handleInteraction = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const reject = (status: number, error: string, close = false) => {
      logger.warn({ status, reason: error, remote: req.socket.remoteAddress }, 'interaction request refused');
      sendJson(res, status, { error }, { close });
    };
    // Checked before reading the body, so unsigned or replayed requests cost nothing.
    const signature = signatureHeaders(req.headers);
    if (!signature || !isFresh(signature.timestamp)) return reject(401, 'invalid request signature', true);
    const read = await readBody(req);
    if (!read.ok) {
      if (read.reason === 'too-large') return reject(413, 'request body too large', true);
      return; // the client went away
    }
    if (!isSignedBy(key, signature, read.body)) return reject(401, 'invalid request signature');
    let json: unknown;
    try {
      json = JSON.parse(read.body.toString('utf8'));
    } catch {
      return reject(400, 'invalid JSON');
    }
    const parsed = interactionShape.safeParse(json);
    if (!parsed.success) return reject(400, 'not an interaction');
    if (parsed.data.type === PING) return sendJson(res, 200, { type: 1 });

    const payload = json as APIInteraction;
    let outcome: DispatchOutcome;
    try {
      outcome = await dispatcher.dispatch(payload);
    } catch (error) {
      logger.error({ err: error, ...describe(payload) }, 'could not dispatch interaction');
      return sendJson(res, 500, { error: 'internal error' });
    }
    logOutcome(logger, payload, outcome);
    if (outcome === 'unsupported') return reject(400, 'unsupported interaction');
    res.writeHead(202, { 'content-length': 0 });
    res.end();
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== INTERACTIONS_PATH) {
      if (serveHealth(req, res, health) || serveMetrics(req, res, context.metrics, logger)) return;
      sendJson(res, 404, { error: 'not found' });
      return;
    }
    if (req.method === 'POST') return handleInteraction(req, res);
    res.setHeader('allow', 'POST');
    sendJson(res, 405, { error: 'method not allowed' });
  };

  const server = createServer({ requestTimeout: 10_000 }, (req, res) => {
    route(req, res).catch((error: unknown) => {
      logger.error({ err: error, method: req.method, url: req.url }, 'interaction request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });

  let port: number;
  try {
    port = await listen(server, options.port, options.host);
  } catch (error) {
    await client.destroy();
    throw error;
  }
  logger.info({ port, path: INTERACTIONS_PATH }, 'interactions endpoint listening');
  return {
    port,
    close: async () => {
      await closeServer(server);
      await dispatcher.close();
      await client.destroy();
    },
  };
}

/** Log context for an interaction: never its token or the user. */
function describe(payload: APIInteraction): Record<string, unknown> {
  const data =
    'data' in payload ? (payload.data as { name?: string; custom_id?: string } | undefined) : undefined;
  return {
    interactionId: payload.id,
    interactionType: payload.type,
    command: data?.name,
    customId: data?.custom_id,
  };
}

const OUTCOME_MESSAGES: Record<Exclude<DispatchOutcome, 'acknowledged'>, string> = {
  unsupported: 'interaction type not supported',
  'no-response': 'interaction handler sent no response',
  'timed-out': 'interaction not acknowledged within 3 s',
};

function logOutcome(logger: Logger, payload: APIInteraction, outcome: DispatchOutcome): void {
  if (outcome !== 'acknowledged') logger.warn({ ...describe(payload), outcome }, OUTCOME_MESSAGES[outcome]);
}
