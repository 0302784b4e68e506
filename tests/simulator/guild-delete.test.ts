import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, Intent, type Simulator } from '../../src/simulator/index.ts';
import { ALL_INTENTS, RawBot, startTestSim } from './helpers.ts';

const readyGuilds = (bot: RawBot) => bot.received.find((payload) => payload.t === 'READY')?.d.guilds;

describe('the privileged intent switches and GUILD_DELETE', () => {
  let sim: Simulator;
  const bots: RawBot[] = [];

  beforeAll(async () => {
    sim = await startTestSim({ guilds: 2, disallowedIntents: Intent.MessageContent });
  });
  afterAll(async () => {
    for (const bot of bots) bot.close();
    await sim.stop();
  });

  it('refuses MESSAGE_CONTENT with 4014 until the switch is turned on, then identifies', async () => {
    const refused = await RawBot.connect(sim, { identify: false });
    refused.send({ op: 2, d: { token: sim.token, intents: ALL_INTENTS, properties: {} } });
    expect(await refused.closed()).toBe(CloseCode.DisallowedIntents);
    const without = await RawBot.connect(sim, { intents: ALL_INTENTS & ~Intent.MessageContent });
    bots.push(without);
    without.close();

    sim.setDisallowedIntents(0);
    const bot = await RawBot.connect(sim, { intents: ALL_INTENTS });
    bots.push(bot);
    expect(readyGuilds(bot)).toHaveLength(2);
  });

  it('sends GUILD_DELETE with unavailable for an outage, without it for a removal, and forgets a removed guild', async () => {
    const bot = bots.at(-1) as RawBot;
    const [first, second] = sim.guilds.map((g) => g.id);
    expect(sim.guildOutage(first)).toBe(1);
    expect((await bot.waitFor('GUILD_DELETE')).d).toEqual({ id: first, unavailable: true });
    expect(sim.removeBotFromGuild(second)).toBe(1);
    const removal = (await bot.waitFor('GUILD_DELETE')).d;
    expect(removal).toEqual({ id: second });
    expect('unavailable' in removal).toBe(false);

    const later = await RawBot.connect(sim, { intents: ALL_INTENTS });
    bots.push(later);
    expect(readyGuilds(later)).toEqual([{ id: first, unavailable: true }]);
  });
});
