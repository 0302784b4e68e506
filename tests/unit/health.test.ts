import { type Client, Collection, Status } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  gatewayHealth,
  type HealthServer,
  httpHealth,
  startGatewayHealth,
  startHealthServer,
} from '../../src/http/health.ts';
import { createLogger } from '../../src/logger.ts';
import { httpRequest } from '../helpers/http-interactions.ts';

/** Just what the health check reads from a discord.js client. */
function fakeClient(options: {
  ready: boolean;
  shardStatuses: Status[];
  ping: number;
  guilds: number;
}): Client {
  return {
    isReady: () => options.ready,
    ws: {
      ping: options.ping,
      shards: new Collection(options.shardStatuses.map((status, id) => [id, { id, status }])),
    },
    guilds: { cache: { size: options.guilds } },
  } as unknown as Client;
}

const logger = createLogger({ level: 'silent', pretty: false });

describe('health checks', () => {
  it('gateway: healthy when the client and every shard are ready', () => {
    const check = gatewayHealth(
      fakeClient({ ready: true, shardStatuses: [Status.Ready, Status.Ready], ping: 41.6, guilds: 3 }),
    );
    expect(check()).toEqual({ healthy: true, body: { status: 'ok', ready: true, wsPingMs: 42, guilds: 3 } });
  });

  it('gateway: unhealthy before ready, or while a shard reconnects; no ping yet is null', () => {
    const starting = gatewayHealth(
      fakeClient({ ready: false, shardStatuses: [], ping: Number.NaN, guilds: 0 }),
    );
    expect(starting()).toEqual({
      healthy: false,
      body: { status: 'unavailable', ready: false, wsPingMs: null, guilds: 0 },
    });
    const reconnecting = gatewayHealth(
      fakeClient({ ready: true, shardStatuses: [Status.Ready, Status.Reconnecting], ping: -1, guilds: 2 }),
    );
    expect(reconnecting()).toMatchObject({ healthy: false, body: { ready: false, wsPingMs: null } });
  });

  it('http: always healthy, with entries and whole seconds of uptime', () => {
    let now = 1_000_000;
    const check = httpHealth(42, now, () => now);
    expect(check().body).toEqual({ status: 'ok', mode: 'http', entries: 42, uptimeSeconds: 0 });
    now += 61_900;
    expect(check()).toEqual({
      healthy: true,
      body: { status: 'ok', mode: 'http', entries: 42, uptimeSeconds: 61 },
    });
  });
});

describe('health server', () => {
  let server: HealthServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('serves GET /healthz: 200 when healthy, 503 when not; 404 elsewhere', async () => {
    let healthy = true;
    server = await startHealthServer({
      port: 0,
      host: '127.0.0.1',
      check: () => ({ healthy, body: { status: healthy ? 'ok' : 'unavailable' } }),
      logger,
    });
    const url = `http://127.0.0.1:${server.port}`;
    const ok = await httpRequest(`${url}/healthz`);
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(ok.body)).toEqual({ status: 'ok' });
    healthy = false;
    const down = await httpRequest(`${url}/healthz?probe=1`);
    expect(down.status).toBe(503);
    expect(JSON.parse(down.body)).toEqual({ status: 'unavailable' });
    expect((await httpRequest(`${url}/other`)).status).toBe(404);
    expect((await httpRequest(`${url}/healthz`, { method: 'POST' })).status).toBe(404);
  });

  it('a check that throws answers 500 and the server keeps serving', async () => {
    let calls = 0;
    server = await startHealthServer({
      port: 0,
      host: '127.0.0.1',
      check: () => {
        calls += 1;
        if (calls === 1) throw new Error('boom');
        return { healthy: true, body: { status: 'ok' } };
      },
      logger,
    });
    const url = `http://127.0.0.1:${server.port}/healthz`;
    expect((await httpRequest(url)).status).toBe(500);
    expect((await httpRequest(url)).status).toBe(200);
  });

  it('gateway mode: nothing without HEALTH_PORT', async () => {
    const client = fakeClient({ ready: true, shardStatuses: [Status.Ready], ping: 10, guilds: 1 });
    expect(await startGatewayHealth({ port: undefined, client, logger })).toBeUndefined();
    server = await startGatewayHealth({ port: 0, host: '127.0.0.1', client, logger });
    expect(server?.port).toBeGreaterThan(0);
  });
});
