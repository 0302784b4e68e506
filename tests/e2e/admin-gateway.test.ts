import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_CONTENT_REFUSED, MESSAGE_CONTENT_SWITCH } from '../../src/discord/message-content.ts';
import { Intent } from '../../src/simulator/index.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/types.ts';
import { type Harness, startHarness } from '../helpers/bot-harness.ts';

const WINDOW = () => ({ from: new Date(Date.now() - 3600_000), to: new Date(Date.now() + 3600_000) });

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - started;
}

const hasContentIntent = (h: Harness) =>
  h.sim.gatewaySessions().some((s) => s.connected && (s.intents & Intent.MessageContent) !== 0);
const errorLines = (h: Harness) => h.logRecords().filter((l) => (l.level as number) >= 50);

describe('the Message Content intent refused by Discord (close code 4014)', () => {
  let h: Harness;
  let dir: string;
  let store: Store;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'oxytocin-admin-4014-'));
    store = await openStore({ dataDir: dir });
    h = await startHarness({
      simulator: {
        disallowedIntents: Intent.MessageContent,
        guilds: [{ channels: ['general', 'questions'] }],
      },
    });
  });
  afterAll(async () => {
    await h?.stop();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('at start-up with ASK_CHANNEL_IDS: one line naming the switch, then it runs without the intent', async () => {
    const before = h.logs().length;
    await h.restartBot({ askChannelIds: [h.sim.channel.id] });
    const lines = h.logRecords().slice(before);
    const refused = lines.filter((l) => l.msg === MESSAGE_CONTENT_REFUSED);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.msg).toContain('Bot > Privileged Gateway Intents > Message Content Intent');
    expect(lines.filter((l) => (l.level as number) >= 50)).toEqual([]);
    expect(lines.some((l) => l.msg === 'ready' && l.messageContent === false)).toBe(true);
    expect(hasContentIntent(h)).toBe(false);
    // Everything but the question channel works.
    const slash = await h.sim.slash('oxytocin', 'ask', { question: 'where is oxytocin made?' });
    expect(slash.embeds[0]?.title).toBe('Where is oxytocin made in the body?');
    const mention = await h.sim.sendMessage('where is oxytocin made?', { mentionBot: true });
    expect(mention.embeds[0]?.title).toBe('Where is oxytocin made in the body?');
    expect(h.bot.context.messageContent?.state()).toBe('refused');
  });

  it('adding the first question channel: the admin is told which switch to turn on; once on, it works without a restart', async () => {
    await h.restartBot({ askChannelIds: [], store });
    expect(h.bot.context.messageContent?.state()).toBe('off');
    const questions = h.sim.guild.channels[1] as { id: string };
    const before = h.logs().length;
    const added = await h.sim.slash('oxytocin-admin', 'channels add', { channel: questions });
    expect(added.ephemeral).toBe(true);
    expect(added.content).toContain(`Added <#${questions.id}>`);
    expect(added.content).toContain(`**${MESSAGE_CONTENT_SWITCH}**`);
    const lines = h.logRecords().slice(before);
    expect(lines.filter((l) => l.msg === MESSAGE_CONTENT_REFUSED)).toHaveLength(1);
    expect(lines.filter((l) => (l.level as number) >= 50)).toEqual([]);
    expect(
      (await h.sim.slash('oxytocin', 'ask', { question: 'what is oxytocin' })).embeds.length,
    ).toBeGreaterThan(0);
    const settings = await h.sim.slash('oxytocin-admin', 'settings', {});
    expect(JSON.stringify(settings.embeds)).toContain('refused by Discord');

    // The owner turns the switch on in the Developer Portal; the admin runs the command again.
    h.sim.setDisallowedIntents(0);
    const again = await h.sim.slash('oxytocin-admin', 'channels add', { channel: questions });
    expect(again.content).toContain('is already a question channel');
    expect(again.content).toContain('Reading messages: on.');
    expect(hasContentIntent(h)).toBe(true);
    const answered = await h.sim.sendMessage('where is oxytocin made?', { channelId: questions.id });
    expect(answered.embeds[0]?.title).toBe('Where is oxytocin made in the body?');
    expect(h.sim.violations()).toEqual([]);
  });
});

describe('GUILD_DELETE', () => {
  let h: Harness;
  let dir: string;
  let store: Store;

  afterEach(async () => {
    await h?.stop();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a removal deletes the server settings and recorded questions; an outage deletes nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'oxytocin-admin-leave-'));
    store = await openStore({ dataDir: dir });
    h = await startHarness({ simulator: { guilds: 2 }, bot: { store } });
    const [kept, left] = h.sim.guilds.map((g) => g.id) as [string, string];
    for (const guildId of [kept, left]) {
      await store.saveGuildSettings(guildId, { questionChannelIds: [], privateDefault: true });
      await store.insert({
        questions: [
          {
            at: new Date(),
            source: 'slash',
            guildId,
            question: 'oxytocin and behaviour',
            status: 'suggestions',
            topEntryId: null,
            confidence: 0.5,
            suggestionIds: [],
          },
        ],
        feedback: [{ at: new Date(), guildId, entryId: 'x', helpful: true, question: null, confidence: 0.9 }],
        picks: [{ at: new Date(), guildId, menu: 'related', question: 'q', entryId: 'x' }],
      });
    }
    expect(h.sim.guildOutage(left)).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(await store.guildSettings(left)).toBeDefined();

    expect(h.sim.removeBotFromGuild(left)).toBe(1);
    await until(async () => (await store.guildSettings(left)) === undefined, 3000);
    expect(await store.dailyCounts({ ...WINDOW(), guildId: left })).toEqual([]);
    expect(await store.feedbackCounts({ ...WINDOW(), guildId: left })).toEqual([]);
    expect(await store.pickCounts({ ...WINDOW(), guildId: left })).toEqual([]);
    expect(
      h.logRecords().find((l) => l.msg === 'left a server: deleted its settings and records'),
    ).toMatchObject({
      guildId: left,
      settings: 1,
      questions: 1,
      feedback: 1,
      picks: 1,
    });
    expect(await store.guildSettings(kept)).toMatchObject({ privateDefault: true });
    expect(await store.dailyCounts({ ...WINDOW(), guildId: kept })).toHaveLength(1);
    expect(errorLines(h)).toEqual([]);
  });
});

describe('two bot instances on one store (replicas, or shard processes on one host)', () => {
  const GUILD = '1100000000000000001';
  let a: Harness;
  let b: Harness;
  let dir: string;
  let storeA: Store;
  let storeB: Store;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'oxytocin-admin-two-'));
    // Two connections to one SQLite file, as two processes have; each bot has its own settings cache.
    storeA = await openStore({ dataDir: dir });
    storeB = await openStore({ dataDir: dir });
    const simulator = { guilds: [{ id: GUILD, channels: ['general', 'questions'] }] };
    a = await startHarness({ simulator, bot: { store: storeA } });
    b = await startHarness({ simulator, bot: { store: storeB } });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await storeA?.close();
    await storeB?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("sees one server's change made through the other within a few seconds", async () => {
    const ask = () => b.sim.slash('oxytocin', 'ask', { question: 'what is oxytocin' });
    expect((await ask()).ephemeral).toBe(false);
    await a.sim.slash('oxytocin-admin', 'private-default', { state: 'on' });
    const seenAfter = await until(async () => (await ask()).ephemeral, 6000);
    console.info(`two instances: private-default seen by the other instance ${seenAfter} ms later`);

    const questions = b.sim.guild.channels[1] as { id: string };
    expect(hasContentIntent(b)).toBe(false);
    await a.sim.slash('oxytocin-admin', 'channels add', { channel: questions });
    const identified = await until(() => hasContentIntent(b), 8000);
    console.info(`two instances: the other identified with Message Content ${identified} ms later`);
    // Its cached settings for the server are at most a few seconds old by now.
    await until(
      async () =>
        (await b.sim.sendMessage('where is oxytocin made?', { channelId: questions.id, timeoutMs: 1000 }))
          .embeds[0]?.title === 'Where is oxytocin made in the body?',
      6000,
    );
    expect(b.sim.violations()).toEqual([]);
    expect(errorLines(b)).toEqual([]);
  });
});
