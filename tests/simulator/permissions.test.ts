import { PermissionFlagsBits as P } from 'discord.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/index.ts';
import { api, callback, RawBot, registerCommands, startTestSim } from './helpers.ts';

const SAFE = { allowed_mentions: { parse: [] } };
// Every permission but Administrator, which grants them all (as on Discord).
const ALL_BUT = (...bits: bigint[]) =>
  bits.reduce((all, bit) => all & ~bit, ((1n << 51n) - 1n) & ~P.Administrator);

describe("the bot's channel permissions", () => {
  let sim: Simulator;
  let bot: RawBot;
  const post = (body: Record<string, unknown>) =>
    api(sim, 'POST', `/channels/${sim.channel.id}/messages`, { ...SAFE, ...body });

  beforeAll(async () => {
    sim = await startTestSim();
    await registerCommands(sim, [{ type: 3, name: 'Explain' }]);
    bot = await RawBot.connect(sim);
  });
  afterAll(async () => {
    bot.close();
    await sim.stop();
  });
  beforeEach(() => {
    sim.setBotPermissions(sim.channel.id, null);
    sim.clearViolations();
  });

  it('are every permission by default, and interactions carry them as app_permissions', async () => {
    expect((await post({ content: 'hi' })).status).toBe(200);
    sim.setBotPermissions(sim.channel.id, P.ViewChannel | P.SendMessages);
    const pending = sim.messageContextMenu('Explain', sim.postMessage('what is it?'));
    const { d } = await bot.waitFor('INTERACTION_CREATE');
    expect(d.app_permissions).toBe(String(P.ViewChannel | P.SendMessages));
    await callback(sim, d, { type: 4, data: { content: 'ok', ...SAFE } });
    await pending;
  });

  it.each([
    ['View Channel', P.ViewChannel, false, 50001],
    ['Send Messages', P.SendMessages, false, 50013],
    ['Read Message History, for a reply', P.ReadMessageHistory, true, 50013],
  ])(
    'without %s a message is refused with 403 %d, as on Discord, and recorded',
    async (_, bit, reply, code) => {
      const target = sim.postMessage('question?');
      sim.setBotPermissions(sim.channel.id, ALL_BUT(bit));
      const body = reply ? { content: 'a', message_reference: { message_id: target.id } } : { content: 'a' };
      const response = await post(body);
      expect(response.status).toBe(403);
      expect(response.body.code).toBe(code);
      expect(sim.violations().map((v) => v.rule)).toEqual(['missing-permission']);
      expect(sim.channelMessages().some((m) => m.messageId === response.body.id)).toBe(false);
    },
  );

  it('without Read Message History a plain message is still sent', async () => {
    sim.setBotPermissions(sim.channel.id, ALL_BUT(P.ReadMessageHistory));
    expect((await post({ content: 'a' })).status).toBe(200);
    expect(sim.violations()).toEqual([]);
  });

  it('without Embed Links the message is sent without its embeds (and an embed alone is empty)', async () => {
    sim.setBotPermissions(sim.channel.id, ALL_BUT(P.EmbedLinks));
    const response = await post({ content: 'a', embeds: [{ title: 't' }] });
    expect(response.status).toBe(200);
    expect(sim.message(response.body.id)?.embeds).toEqual([]);
    expect((await post({ embeds: [{ title: 't' }] })).body.code).toBe(50006);
  });

  it('Administrator grants every permission', async () => {
    sim.setBotPermissions(sim.channel.id, P.Administrator);
    const target = sim.postMessage('question?');
    const response = await post({
      content: 'a',
      embeds: [{ title: 't' }],
      message_reference: { message_id: target.id },
    });
    expect(response.status).toBe(200);
    expect(sim.message(response.body.id)?.embeds).toHaveLength(1);
  });

  it('do not apply in DMs', async () => {
    sim.setBotPermissions(sim.channel.id, 0n);
    const dm = sim.dmChannel();
    const response = await api(sim, 'POST', `/channels/${dm.id}/messages`, { content: 'a', ...SAFE });
    expect(response.status).toBe(200);
  });
});
