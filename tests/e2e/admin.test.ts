import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_A_MANAGER } from '../../src/admin/permissions.ts';
import { Intent } from '../../src/simulator/index.ts';
import { openStore } from '../../src/store/open.ts';
import { createRecorder, type Recorder } from '../../src/store/recorder.ts';
import type { Store } from '../../src/store/types.ts';
import { type Harness, startHarness } from '../helpers/bot-harness.ts';

const WINDOW = () => ({ from: new Date(Date.now() - 3600_000), to: new Date(Date.now() + 3600_000) });
/** What an ordinary member has: no Manage Server. */
const MEMBER =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.UseApplicationCommands;
const MANAGER = MEMBER | PermissionFlagsBits.ManageGuild;

describe('/oxytocin-admin through the simulator: per-server settings that take effect', () => {
  let h: Harness;
  let dir: string;
  let store: Store;
  let recorder: Recorder;
  const admin = (sub: string, options: Record<string, string | number | { id: string }> = {}) =>
    h.sim.slash('oxytocin-admin', sub, options, { permissions: MANAGER });
  const channel = (name: string) => h.sim.guild.channels.find((c) => c.name === name) as { id: string };
  const asked = async () => {
    await recorder.flush();
    return (await store.dailyCounts({ ...WINDOW(), guildId: h.sim.guild.id })).reduce(
      (n, c) => n + c.count,
      0,
    );
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'oxytocin-admin-'));
    store = await openStore({ dataDir: dir });
    recorder = createRecorder({ store, logger: createSilent(), flushMs: 60_000 });
    h = await startHarness({
      simulator: { guilds: [{ channels: ['general', 'questions', 'chat'] }] },
      bot: { store, recorder, privacy: { recordQuestions: 'all', retentionDays: 90 } },
    });
  });

  afterAll(async () => {
    await h?.stop();
    await recorder?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is registered for Manage Server and guilds only, and refuses a member without it, politely and privately', async () => {
    const command = h.sim.commands(h.sim.guild.id).find((c) => c.name === 'oxytocin-admin');
    expect(command?.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
    expect(command?.contexts).toEqual([0]);
    // The Discord client hides it from them...
    await expect(h.sim.slash('oxytocin-admin', 'settings', {}, { permissions: MEMBER })).rejects.toThrow(
      /hidden/,
    );
    // ...but a server can show it to anyone (Integrations settings): the bot checks again.
    const refused = await h.sim.slash(
      'oxytocin-admin',
      'recording',
      { mode: 'off' },
      {
        permissions: MEMBER,
        serverOverride: true,
      },
    );
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toBe(NOT_A_MANAGER);
    expect(await store.guildSettings(h.sim.guild.id)).toBeUndefined();
    expect(h.sim.violations()).toEqual([]);
  });

  it('settings: the defaults, in an ephemeral embed', async () => {
    const shown = await admin('settings');
    expect(shown.ephemeral).toBe(true);
    const fields = Object.fromEntries((shown.embeds[0]?.fields ?? []).map((f) => [f.name, f.value]));
    expect(fields['Question channels']).toMatch(/^none/);
    expect(fields['Private by default']).toMatch(/^off/);
    expect(fields.Recording).toBe('all (default)');
    expect(fields['Cooldown (per person)']).toBe('1000 questions every 30 s (default)');
  });

  it('channels add: the bot identifies again with Message Content and answers questions posted there', async () => {
    const questions = channel('questions');
    expect((h.sim.gatewaySessions()[0]?.intents ?? 0) & Intent.MessageContent).toBe(0);
    const before = await h.sim.sendMessage('where is oxytocin made?', {
      channelId: questions.id,
      timeoutMs: 1500,
    });
    expect(before.type).toBe('none');

    const added = await admin('channels add', { channel: questions });
    expect(added.ephemeral).toBe(true);
    expect(added.content).toContain(`Added <#${questions.id}>`);
    expect(added.content).toContain('Reading messages: on.');
    expect(h.sim.gatewaySessions().some((s) => (s.intents & Intent.MessageContent) !== 0)).toBe(true);

    const answered = await h.sim.sendMessage('where is oxytocin made?', { channelId: questions.id });
    expect(answered.type).toBe('message');
    expect(answered.embeds[0]?.title).toBe('Where is oxytocin made in the body?');
    const elsewhere = await h.sim.sendMessage('where is oxytocin made?', {
      channelId: channel('chat').id,
      timeoutMs: 1500,
    });
    expect(elsewhere.type).toBe('none');
    const list = await admin('channels list');
    expect(list.content).toContain(`<#${questions.id}>`);
    expect(h.sim.violations()).toEqual([]);
  });

  it('private-default on: /oxytocin ask answers privately, unless private:false', async () => {
    expect((await h.sim.slash('oxytocin', 'ask', { question: 'what is oxytocin' })).ephemeral).toBe(false);
    const set = await admin('private-default', { state: 'on' });
    expect(set.content).toMatch(/^Private by default: on/);
    expect((await h.sim.slash('oxytocin', 'ask', { question: 'what is oxytocin' })).ephemeral).toBe(true);
    const pub = await h.sim.slash('oxytocin', 'ask', { question: 'what is oxytocin', private: false });
    expect(pub.ephemeral).toBe(false);
  });

  it('recording off: nothing asked here is stored; all: it is again', async () => {
    const start = await asked();
    expect((await admin('recording', { mode: 'off' })).content).toMatch(/^Recording: off/);
    await h.sim.slash('oxytocin', 'ask', { question: 'does oxytocin increase trust?' });
    await h.sim.sendMessage('is oxytocin the love hormone?', { mentionBot: true });
    expect(await asked()).toBe(start);
    await admin('recording', { mode: 'all' });
    await h.sim.slash('oxytocin', 'ask', { question: 'does oxytocin increase trust?' });
    expect(await asked()).toBe(start + 1);
  });

  it('cooldown: the server limit applies, within bounds Discord enforces', async () => {
    await expect(admin('cooldown', { questions: 0, seconds: 30 })).rejects.toThrow(/min|least|questions/i);
    const set = await admin('cooldown', { questions: 2, seconds: 60 });
    expect(set.content).toBe('Cooldown: each person may ask 2 questions every 60 s here.');
    const ask = () => h.sim.slash('oxytocin', 'ask', { question: 'what is oxytocin', private: false });
    expect((await ask()).embeds.length).toBeGreaterThan(0);
    expect((await ask()).embeds.length).toBeGreaterThan(0);
    const third = await ask();
    expect(third.content).toMatch(/^You're asking quickly\. Try again <t:\d+:R>\.$/);
    expect(third.ephemeral).toBe(true);
    // Another person has their own allowance.
    const bob = await h.sim.slash(
      'oxytocin',
      'ask',
      { question: 'what is oxytocin' },
      { user: h.sim.otherUser },
    );
    expect(bob.embeds.length).toBeGreaterThan(0);
    await admin('cooldown', { questions: 50, seconds: 5 });
  });

  it('settings survive a restart', async () => {
    await h.restartBot();
    const fields = Object.fromEntries(
      ((await admin('settings')).embeds[0]?.fields ?? []).map((f) => [f.name, f.value]),
    );
    expect(fields['Question channels']).toContain(`<#${channel('questions').id}>`);
    expect(fields['Question channels']).toContain('Reading messages: on.');
    expect(fields['Private by default']).toMatch(/^on/);
    expect(fields.Recording).toBe('all');
    expect(fields['Cooldown (per person)']).toBe('50 questions every 5 s');
    // Started with a question channel in the store: it asked for Message Content at once.
    const answered = await h.sim.sendMessage('where is oxytocin made?', {
      channelId: channel('questions').id,
    });
    expect(answered.embeds[0]?.title).toBe('Where is oxytocin made in the body?');
    expect((await h.sim.slash('oxytocin', 'ask', { question: 'what is oxytocin' })).ephemeral).toBe(true);
    expect(h.sim.violations()).toEqual([]);
  });

  it('channels remove: the channel is quiet again', async () => {
    const questions = channel('questions');
    const removed = await admin('channels remove', { channel: questions });
    expect(removed.content).toContain(`Removed <#${questions.id}>`);
    const after = await h.sim.sendMessage('where is oxytocin made?', {
      channelId: questions.id,
      timeoutMs: 1500,
    });
    expect(after.type).toBe('none');
  });
});

function createSilent() {
  // A recorder's logger; these tests read the store, not the log.
  return { warn: () => undefined, info: () => undefined } as unknown as Parameters<
    typeof createRecorder
  >[0]['logger'];
}
