import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CloseCode, type Simulator } from '../../src/simulator/index.ts';
import { ALL_INTENTS, RawBot, registerCommands, startTestSim } from './helpers.ts';

const GUILDS = 1 << 0;
const GUILD_MESSAGES = 1 << 9;
const MESSAGE_CONTENT = 1 << 15;

describe('gateway', () => {
  let sim: Simulator;
  const bots: RawBot[] = [];
  const connect = async (options?: Parameters<typeof RawBot.connect>[1]) => {
    const bot = await RawBot.connect(sim, options);
    bots.push(bot);
    return bot;
  };

  beforeAll(async () => {
    sim = await startTestSim({
      guilds: 3,
      shardCount: 2,
      heartbeatIntervalMs: 5000,
      disallowedIntents: 1 << 1,
    });
    await registerCommands(sim, [{ name: 'ping', description: 'Ping' }]);
  });
  afterAll(async () => {
    await sim.stop();
  });
  beforeEach(() => sim.clearViolations());
  afterEach(() => {
    for (const bot of bots.splice(0)) bot.close();
  });

  it('says HELLO, acknowledges heartbeats, and answers IDENTIFY with READY then GUILD_CREATE', async () => {
    const bot = await connect({ identify: false });
    expect(bot.received[0]).toEqual({ op: 10, s: null, t: null, d: { heartbeat_interval: 5000 } });
    bot.send({ op: 1, d: null });
    await bot.next((payload) => payload.op === 11);

    bot.send({ op: 2, d: { token: sim.token, intents: ALL_INTENTS, shard: [0, 1], properties: {} } });
    const ready = await bot.waitFor('READY');
    expect(ready.s).toBe(1);
    expect(ready.d).toMatchObject({
      v: 10,
      user: { id: sim.botUser.id, bot: true },
      session_id: expect.any(String),
      resume_gateway_url: sim.gatewayUrl,
      shard: [0, 1],
      application: { id: sim.applicationId },
      guilds: sim.guilds.map((guild) => ({ id: guild.id, unavailable: true })),
    });
    const guild = await bot.waitFor('GUILD_CREATE');
    expect(guild.d).toMatchObject({
      id: sim.guild.id,
      channels: [{ id: sim.channel.id, type: 0, name: 'general' }],
      members: expect.arrayContaining([
        expect.objectContaining({ user: expect.objectContaining({ id: sim.user.id }) }),
      ]),
    });
  });

  it.each([
    ['a wrong token', { token: 'wrong' }, CloseCode.AuthenticationFailed],
    ['an invalid shard', { shard: [2, 2] as [number, number] }, CloseCode.InvalidShard],
    ['a disallowed intent', { intents: 1 << 1 }, CloseCode.DisallowedIntents],
  ])('closes on IDENTIFY with %s', async (_, options, code) => {
    const bot = await connect({ identify: false });
    bot.send({ op: 2, d: { token: sim.token, intents: ALL_INTENTS, properties: {}, ...options } });
    expect(await bot.closed()).toBe(code);
  });

  it('sends no GUILD_CREATE without the Guilds intent', async () => {
    const bot = await connect({ intents: GUILD_MESSAGES });
    await expect(bot.waitFor('GUILD_CREATE', 100)).rejects.toThrow(/timed out/);
  });

  it('routes guild events to the shard (guild_id >> 22) % shard_count', async () => {
    const shard0 = await connect({ shard: [0, 2] });
    const shard1 = await connect({ shard: [1, 2] });
    const guildsOf = (bot: RawBot) =>
      bot.received
        .find((payload) => payload.t === 'READY')
        ?.d.guilds.map((guild: { id: string }) => guild.id);
    expect(guildsOf(shard0)).toEqual([sim.guilds[0]?.id, sim.guilds[2]?.id]);
    expect(guildsOf(shard1)).toEqual([sim.guilds[1]?.id]);

    sim.postMessage('in guild 2', { guildId: sim.guilds[1]?.id });
    const message = await shard1.waitFor('MESSAGE_CREATE');
    expect(message.d).toMatchObject({ content: 'in guild 2', guild_id: sim.guilds[1]?.id, channel_type: 0 });
    expect(shard0.received.some((payload) => payload.t === 'MESSAGE_CREATE')).toBe(false);

    sim.postMessage('a DM', { dm: true });
    expect((await shard0.waitFor('MESSAGE_CREATE')).d).toMatchObject({ content: 'a DM', channel_type: 1 });
    expect(shard0.received.find((payload) => payload.t === 'MESSAGE_CREATE')?.d.guild_id).toBeUndefined();
  });

  it('delivers user messages with mentions, member and guild_id, and hides content without MESSAGE_CONTENT', async () => {
    const bot = await connect({ intents: GUILDS | GUILD_MESSAGES });
    sim.postMessage('hello', { mentionBot: true });
    expect((await bot.waitFor('MESSAGE_CREATE')).d).toMatchObject({
      content: `<@${sim.botUser.id}> hello`,
      guild_id: sim.guild.id,
      member: { roles: [] },
      mentions: [expect.objectContaining({ id: sim.botUser.id, member: expect.any(Object) })],
    });
    sim.postMessage('not for you');
    expect((await bot.waitFor('MESSAGE_CREATE')).d).toMatchObject({
      content: '',
      author: { id: sim.user.id },
    });
    expect(sim.violations()).toEqual([]);
  });

  it('missing-intent: records a guild message the session did not ask for', async () => {
    await connect({ intents: GUILDS | MESSAGE_CONTENT });
    sim.postMessage('lost');
    expect(sim.violations()).toEqual([
      expect.objectContaining({ route: 'GATEWAY MESSAGE_CREATE', rule: 'missing-intent' }),
    ]);
  });

  it('replays missed events on RESUME after the socket is dropped', async () => {
    const bot = await connect();
    for (const _ of sim.guilds) await bot.waitFor('GUILD_CREATE');
    const sessionId = bot.received.find((payload) => payload.t === 'READY')?.d.session_id;
    const lastSeq = Math.max(...bot.received.map((payload) => payload.s ?? 0));

    sim.dropGateway({ shardId: 0 });
    expect(await bot.closed()).toBe(1006);
    sim.postMessage('while you were away');
    const pending = sim.slash('ping');

    const again = await connect({ identify: false });
    again.send({ op: 6, d: { token: sim.token, session_id: sessionId, seq: lastSeq } });
    const missed = await again.waitFor('MESSAGE_CREATE');
    expect(missed.s).toBe(lastSeq + 1);
    expect(missed.d.content).toBe('while you were away');
    const interaction = await again.waitFor('INTERACTION_CREATE');
    expect((await again.waitFor('RESUMED')).s).toBe(lastSeq + 3);
    await fetch(`${sim.apiBase}/v10/interactions/${interaction.d.id}/${interaction.d.token}/callback`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 4, data: { content: 'pong' } }),
    });
    expect((await pending).content).toBe('pong');
  });

  it('answers RESUME of an unknown session with op 9 (not resumable)', async () => {
    const bot = await connect({ identify: false });
    bot.send({ op: 6, d: { token: sim.token, session_id: 'nope', seq: 1 } });
    expect((await bot.next((payload) => payload.op === 9)).d).toBe(false);
  });

  it('closes with the requested code', async () => {
    const bot = await connect();
    sim.dropGateway({ code: 4000 });
    expect(await bot.closed()).toBe(4000);
  });

  it('sends op 7 and op 9, forgetting the session when it is not resumable', async () => {
    const bot = await connect();
    sim.sendReconnect();
    expect(await bot.next((payload) => payload.op === 7)).toMatchObject({ op: 7, d: null });

    const sessionId = bot.received.find((payload) => payload.t === 'READY')?.d.session_id;
    sim.sendInvalidSession(true);
    expect((await bot.next((payload) => payload.op === 9)).d).toBe(true);
    expect(sim.gatewaySessions().map((session) => session.id)).toContain(sessionId);
    sim.sendInvalidSession(false);
    expect((await bot.next((payload) => payload.op === 9)).d).toBe(false);
    expect(sim.gatewaySessions().map((session) => session.id)).not.toContain(sessionId);
  });

  it('ends the session when the client closes with 1000', async () => {
    const bot = await connect();
    const sessionId = bot.received.find((payload) => payload.t === 'READY')?.d.session_id;
    bot.close(1000);
    await bot.closed();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sim.gatewaySessions().map((session) => session.id)).not.toContain(sessionId);
  });
});
