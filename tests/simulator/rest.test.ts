import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/index.ts';
import { api, startTestSim } from './helpers.ts';

describe('REST basics', () => {
  let sim: Simulator;

  beforeAll(async () => {
    sim = await startTestSim({ shardCount: 2, maxConcurrency: 2 });
  });
  afterAll(async () => {
    await sim.stop();
  });
  beforeEach(() => {
    sim.clearViolations();
    sim.clearRequests();
    sim.clearFaults();
  });

  it('describes the gateway in GET /gateway/bot', async () => {
    const response = await api(sim, 'GET', '/gateway/bot');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      url: `ws://127.0.0.1:${sim.port}`,
      shards: 2,
      session_start_limit: {
        total: 1000,
        remaining: 1000,
        reset_after: expect.any(Number),
        max_concurrency: 2,
      },
    });
  });

  it('serves the application and the bot user', async () => {
    expect((await api(sim, 'GET', '/applications/@me')).body).toMatchObject({
      id: sim.applicationId,
      bot: { id: sim.botUser.id },
    });
    expect((await api(sim, 'GET', '/users/@me')).body).toMatchObject({ id: sim.botUser.id, bot: true });
  });

  it.each([
    ['no Authorization header', false],
    ['a wrong token', 'Bot not-the-token'],
    ['a token without the Bot prefix', 'simulator-test-token'],
  ] as const)('unauthorized: answers 401 to %s and records it', async (_, auth) => {
    const response = await api(sim, 'GET', '/gateway/bot', undefined, { auth });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ code: 0, message: '401: Unauthorized' });
    expect(sim.violations()).toEqual([
      expect.objectContaining({ route: 'GET /gateway/bot', rule: 'unauthorized' }),
    ]);
  });

  it('answers 404 to unknown routes and 405 to a known route with the wrong method', async () => {
    expect((await api(sim, 'GET', '/nothing/here')).status).toBe(404);
    expect((await api(sim, 'DELETE', '/gateway/bot')).status).toBe(405);
    expect(sim.requests().map((request) => [request.route, request.status])).toEqual([
      [null, 404],
      [null, 405],
    ]);
  });

  it('answers 50109 to a body that is not JSON', async () => {
    const response = await fetch(`${sim.apiBase}/v10/channels/${sim.channel.id}/messages`, {
      method: 'POST',
      headers: { Authorization: `Bot ${sim.token}`, 'Content-Type': 'application/json' },
      body: '{oops',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: 50109,
      message: 'The request body contains invalid JSON.',
    });
  });

  it('records every request with method, path, route, query, body and status', async () => {
    await api(sim, 'POST', `/channels/${sim.channel.id}/messages?x=1`, {
      content: 'hi',
      allowed_mentions: { parse: [] },
    });
    expect(sim.requests()).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: `/channels/${sim.channel.id}/messages`,
        route: 'POST /channels/:channel/messages',
        query: { x: '1' },
        body: { content: 'hi', allowed_mentions: { parse: [] } },
        status: 200,
      }),
    ]);
  });

  it('accepts multipart bodies with files (payload_json + files[n]) and stores attachments', async () => {
    const form = new FormData();
    form.append('payload_json', JSON.stringify({ content: 'with file', allowed_mentions: { parse: [] } }));
    form.append('files[0]', new Blob(['hello'], { type: 'text/plain' }), 'hello.txt');
    const response = await fetch(`${sim.apiBase}/v10/channels/${sim.channel.id}/messages`, {
      method: 'POST',
      headers: { Authorization: `Bot ${sim.token}` },
      body: form,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      content: 'with file',
      attachments: [{ filename: 'hello.txt', size: 5, content_type: 'text/plain' }],
    });
    expect(sim.requests()[0]?.files).toEqual([
      { field: 'files[0]', name: 'hello.txt', size: 5, contentType: 'text/plain' },
    ]);
  });

  describe('fault injection', () => {
    it('answers the next N matching requests with 429 + Retry-After, then normally', async () => {
      sim.failNext('POST /channels/:id/messages', 2, { status: 429, retryAfter: 0.25 });
      const post = () =>
        api(sim, 'POST', `/channels/${sim.channel.id}/messages`, {
          content: 'x',
          allowed_mentions: { parse: [] },
        });
      const limited = await post();
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('0.25');
      expect(limited.headers.get('x-ratelimit-scope')).toBe('user');
      expect(limited.body).toMatchObject({
        message: 'You are being rate limited.',
        retry_after: 0.25,
        global: false,
      });
      expect((await api(sim, 'GET', '/gateway/bot')).status).toBe(200);
      expect((await post()).status).toBe(429);
      expect((await post()).status).toBe(200);
    });

    it('answers with 500, matching wildcards and RegExps', async () => {
      sim.failNext('/channels/*/messages', 1, { status: 500 });
      sim.failNext(/^\/gateway/, 1, { status: 503 });
      expect((await api(sim, 'POST', `/channels/${sim.channel.id}/messages`, { content: 'x' })).status).toBe(
        500,
      );
      expect((await api(sim, 'GET', '/gateway/bot')).status).toBe(503);
      expect((await api(sim, 'GET', '/gateway/bot')).status).toBe(200);
    });

    it('marks a global rate limit', async () => {
      sim.failNext('GET /users/@me', 1, { status: 429, retryAfter: 1, global: true });
      const response = await api(sim, 'GET', '/users/@me');
      expect(response.headers.get('x-ratelimit-global')).toBe('true');
      expect(response.body.global).toBe(true);
    });

    it('rejects a malformed pattern', () => {
      expect(() => sim.failNext('channels', 1, { status: 500 })).toThrow(/bad route pattern/);
    });
  });
});
