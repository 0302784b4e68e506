import { Client, Events, GatewayIntentBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/index.ts';
import { registerCommands, startTestSim } from './helpers.ts';

function makeClient(sim: Simulator, shards?: 'auto'): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: sim.apiBase },
    ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) },
    ...(shards ? { shards } : {}),
  });
  client.on(Events.InteractionCreate, async (interaction) => {
    if (interaction.isChatInputCommand())
      await interaction.reply(`pong from shard ${interaction.guild?.shardId}`);
  });
  return client;
}

async function login(client: Client, sim: Simulator): Promise<void> {
  const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(sim.token);
  await ready;
}

const once = (client: Client, event: Events.ShardResume | Events.ShardReady) =>
  new Promise<void>((resolve) => client.once(event, () => resolve()));

describe('a discord.js client survives gateway and REST faults', () => {
  let sim: Simulator;
  let client: Client;

  beforeAll(async () => {
    sim = await startTestSim({ ackDeadlineMs: 2500 });
    await registerCommands(sim, [{ name: 'ping', description: 'Ping' }]);
    client = makeClient(sim);
    await login(client, sim);
  });
  afterAll(async () => {
    await client.destroy();
    await sim.stop();
  });

  it('resumes after the socket is destroyed without a close frame, and gets events sent meanwhile', async () => {
    const resumed = once(client, Events.ShardResume);
    sim.dropGateway();
    const pending = sim.slash('ping');
    await resumed;
    expect((await pending).content).toBe('pong from shard 0');
  });

  it('resumes after op 7 Reconnect', async () => {
    const resumed = once(client, Events.ShardResume);
    sim.sendReconnect();
    await resumed;
    expect((await sim.slash('ping')).type).toBe('reply');
  });

  it('identifies again after a non-resumable op 9', async () => {
    const before = sim.gatewaySessions()[0]?.id;
    const ready = once(client, Events.ShardReady);
    sim.sendInvalidSession(false);
    await ready;
    expect(sim.gatewaySessions().map((session) => session.id)).not.toContain(before);
    expect((await sim.slash('ping')).type).toBe('reply');
  });

  it('resumes after the simulator restarts', async () => {
    const resumed = once(client, Events.ShardResume);
    await sim.restart({ downtimeMs: 50 });
    await resumed;
    expect((await sim.slash('ping')).content).toBe('pong from shard 0');
  });

  it('retries a rate-limited (429) and a failing (500) interaction callback', async () => {
    sim.clearRequests();
    sim.failNext('POST /interactions/:id/:token/callback', 1, { status: 429, retryAfter: 0.1 });
    expect((await sim.slash('ping')).type).toBe('reply');
    sim.failNext('POST /interactions/:id/:token/callback', 1, { status: 500 });
    expect((await sim.slash('ping')).type).toBe('reply');
    const statuses = sim
      .requests()
      .filter((request) => request.route?.includes('callback'))
      .map((request) => request.status);
    expect(statuses).toEqual([429, 204, 500, 204]);
    expect(sim.violations()).toEqual([]);
  });
});

describe('sharding', () => {
  let sim: Simulator;
  let client: Client;

  beforeAll(async () => {
    sim = await startTestSim({ shardCount: 2, guilds: 2 });
    await registerCommands(sim, [{ name: 'ping', description: 'Ping' }], null);
    client = makeClient(sim, 'auto');
    await login(client, sim);
  });
  afterAll(async () => {
    await client.destroy();
    await sim.stop();
  });

  it('spawns the recommended shards and routes each guild to its shard', async () => {
    expect(client.ws.shards.size).toBe(2);
    expect(client.guilds.cache.get(sim.guilds[1]?.id ?? '')?.shardId).toBe(1);
    expect((await sim.slash('ping', null, {}, { guildId: sim.guilds[1]?.id })).content).toBe(
      'pong from shard 1',
    );
  });
});
