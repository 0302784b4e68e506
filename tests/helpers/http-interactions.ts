import { type KeyObject, sign } from 'node:crypto';
import { request } from 'node:http';
import { Client, Events, type GatewayDispatchPayload, GatewayIntentBits } from 'discord.js';
import { NO_IDENTIFY_WAIT } from '../../src/demo/local-stack.ts';
import type { Simulator } from '../../src/simulator/index.ts';

export interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request on its own connection (no keep-alive pool left open). `body` may be a list of chunks. */
export function httpRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer | Buffer[] } = {},
): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    // The server may answer (413) and close before the whole body is written: that is not a failure here.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    const body = options.body;
    if (Array.isArray(body)) {
      for (const chunk of body) req.write(chunk);
      req.end();
    } else req.end(body);
  });
}

/** The headers Discord sends: Ed25519 over `timestamp + body`, hex. */
export function signedHeaders(
  privateKey: KeyObject,
  body: string | Buffer,
  timestamp = String(Math.floor(Date.now() / 1000)),
): Record<string, string> {
  const signature = sign(null, Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), privateKey);
  return {
    'content-type': 'application/json',
    'x-signature-ed25519': signature.toString('hex'),
    'x-signature-timestamp': timestamp,
  };
}

/** The raw 32-byte public key as hex, as the Developer Portal shows it. */
export function publicKeyHex(publicKey: KeyObject): string {
  return publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
}

export interface Relay {
  /** What the endpoint answered to each forwarded interaction, in order. */
  replies: HttpReply[];
  stop(): Promise<void>;
}

/**
 * Plays Discord's side of an Interactions Endpoint URL. The simulator creates each interaction (its id, token
 * and 3 s deadline) and emits INTERACTION_CREATE; this stand-in for Discord's delivery takes that payload off
 * the gateway, signs it and POSTs it to the endpoint, which must then answer through the simulator's REST.
 * So the user actions (`sim.slash`, `sim.autocomplete`, `sim.clickButton`) work unchanged.
 */
export async function startRelay(sim: Simulator, url: string, privateKey: KeyObject): Promise<Relay> {
  const replies: HttpReply[] = [];
  const client = new Client({
    // GuildMessages only so that user messages posted as context-menu targets are not "missing-intent".
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    rest: { api: sim.apiBase },
    ...NO_IDENTIFY_WAIT,
  });
  client.on(Events.Raw, (packet: GatewayDispatchPayload) => {
    if (packet.t !== 'INTERACTION_CREATE') return;
    const body = JSON.stringify(packet.d);
    void httpRequest(url, { method: 'POST', headers: signedHeaders(privateKey, body), body }).then(
      (reply) => replies.push(reply),
      (error: unknown) => replies.push({ status: 0, headers: {}, body: String(error) }),
    );
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(sim.token);
  await ready;
  return {
    replies,
    stop: async () => {
      client.removeAllListeners();
      await client.destroy();
    },
  };
}
