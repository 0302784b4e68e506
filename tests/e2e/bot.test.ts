import type { APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCustomId } from '../../src/discord/custom-ids.ts';
import { type Harness, startHarness } from '../helpers/bot-harness.ts';
import { EXPLODE, explodingEngine } from '../helpers/exploding-engine.ts';

type Component = {
  type: number;
  custom_id?: string;
  label?: string;
  options?: { value: string; label: string }[];
};
const componentsOf = (view: { components: unknown[] }): Component[] =>
  (view.components as { components?: Component[] }[]).flatMap((row) => row.components ?? []);
const customIdOf = (view: { components: unknown[] }, action: string) =>
  componentsOf(view).find((c) => c.custom_id && decodeCustomId(c.custom_id)?.action === action)
    ?.custom_id as string;
const field = (embed: APIEmbed | undefined, name: string) =>
  embed?.fields?.find((f) => f.name === name)?.value ?? '';

describe('the bot, end to end through the simulator', () => {
  let h: Harness;
  let askChannel: string;

  beforeAll(async () => {
    h = await startHarness({
      engine: explodingEngine,
      simulator: { guilds: [{ channels: ['general', 'ask-oxytocin'] }] },
    });
    askChannel = h.sim.guild.channels.find((c) => c.name === 'ask-oxytocin')?.id as string;
    await h.restartBot({ askChannelIds: [askChannel] }); // the channel's id is known only once the simulator runs
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('registers its commands, and they pass Discord validation', () => {
    const names = h.sim.commands(h.sim.guild.id).map((c) => c.name);
    expect(names).toEqual(['oxytocin', 'oxytocin-admin', 'Ask Oxytocin Bot', 'Reply with Oxytocin Bot']);
    expect(h.sim.violations()).toEqual([]);
  });

  it('/oxytocin ask answers with an embed, evidence, numbered sources and buttons', async () => {
    const r = await h.sim.slash('oxytocin', 'ask', { question: 'where is oxytocin made?' });
    expect(r.type).toBe('reply');
    expect(r.ephemeral).toBe(false);
    const embed = r.embeds[0];
    expect(embed?.title).toBe('Where is oxytocin made in the body?');
    expect(embed?.description).toContain('hypothalamus');
    expect(field(embed, 'Evidence')).toMatch(/established/);
    expect(field(embed, 'Sources')).toMatch(
      /^\[1\] \[Gimpl & Fahrenholz, 2001\]\(https:\/\/doi\.org\/10\.1152/,
    );
    expect(embed?.footer?.text).toMatch(/^Not medical advice · reviewed \d{4}-\d{2}-\d{2}$/);
    expect(componentsOf(r).map((c) => c.label ?? 'select')).toEqual([
      'Sources',
      'Helpful',
      'Not helpful',
      'select',
    ]);
    expect((r.raw.callback as { data: { allowed_mentions: unknown } }).data.allowed_mentions).toEqual({
      parse: [],
      replied_user: false,
    });
  });

  it('answers privately with private:true, and "Share in channel" posts it publicly', async () => {
    const r = await h.sim.slash('oxytocin', 'ask', {
      question: 'does oxytocin increase trust',
      private: true,
    });
    expect(r.ephemeral).toBe(true);
    const share = customIdOf(r, 'share');
    expect(share).toBeDefined();
    const shared = await h.sim.clickButton(r, share);
    expect(shared.ephemeral).toBe(false);
    expect(shared.embeds[0]?.title).toBe(r.embeds[0]?.title);
    expect(shared.content).toMatch(/^Shared by <@\d+>:$/);
  });

  it('offers "did you mean" suggestions, and choosing one answers it', async () => {
    // Vague: mothers, fathers, genes and addiction entries all speak of behaviour.
    const r = await h.sim.slash('oxytocin', 'ask', { question: 'oxytocin and behaviour' });
    expect(r.embeds[0]?.title).toBe('Did you mean…?');
    const menu = componentsOf(r).find((c) => c.type === 3);
    expect(menu?.options?.length).toBeGreaterThanOrEqual(2);
    const picked = await h.sim.chooseOption(r, menu?.custom_id as string, [
      menu?.options?.[0]?.value as string,
    ]);
    expect(picked.embeds[0]?.title).toBe(menu?.options?.[0]?.label);
  });

  it('answers an off-topic question with a friendly no-match and examples', async () => {
    const r = await h.sim.slash('oxytocin', 'ask', { question: 'who won the world cup' });
    expect(r.embeds[0]?.title).toBe("I don't have an answer for that");
    expect(r.embeds[0]?.description).toContain('/oxytocin topics');
  });

  it('answers medical-advice questions with the safety entry, never a dose', async () => {
    const r = await h.sim.slash('oxytocin', 'ask', { question: 'how much oxytocin should i take' });
    // A safety answer puts its urgent line in a first embed; the answer is the last one.
    expect(r.embeds.at(-1)?.description).toMatch(/not medical advice/i);
    expect(r.embeds.at(-1)?.description).toMatch(/doctor|pharmacist|clinician/i);
  });

  it('Sources button lists the full references, privately', async () => {
    const r = await h.sim.slash('oxytocin', 'ask', { question: 'where is oxytocin made?' });
    const sources = await h.sim.clickButton(r, customIdOf(r, 'sources'));
    expect(sources.ephemeral).toBe(true);
    expect(sources.embeds[0]?.title).toBe('Sources: Where is oxytocin made in the body?');
    expect(sources.embeds[0]?.description).toContain('Physiological Reviews');
  });

  it('Helpful / Not helpful are acknowledged privately and logged without the user', async () => {
    const r = await h.sim.slash('oxytocin', 'ask', { question: 'where is oxytocin made?' });
    const ids = componentsOf(r).filter(
      (c) => c.custom_id && decodeCustomId(c.custom_id)?.action === 'feedback',
    );
    const ack = await h.sim.clickButton(r, ids[1]?.custom_id as string);
    expect(ack.ephemeral).toBe(true);
    expect(ack.content).toMatch(/thanks/i);
    const event = h.logRecords().find((l) => l.event === 'feedback');
    expect(event).toMatchObject({
      entryId: 'where-is-oxytocin-made',
      helpful: false,
      query: 'where is oxytocin made?',
    });
    expect(event?.confidence).toEqual(expect.any(Number));
    expect(JSON.stringify(event)).not.toContain(h.sim.user.username);
  });

  it('the Related menu answers the chosen entry', async () => {
    const r = await h.sim.slash('oxytocin', 'topic', { entry: 'oxytocin-and-trust' });
    const menu = componentsOf(r).find((c) => c.type === 3);
    const target = menu?.options?.[0];
    const chosen = await h.sim.chooseOption(r, menu?.custom_id as string, [target?.value as string]);
    expect(chosen.embeds[0]?.title).toBe(target?.label);
  });

  it('/oxytocin topic opens one entry; /oxytocin sources lists its references', async () => {
    const topic = await h.sim.slash('oxytocin', 'topic', { entry: 'prairie-voles' });
    expect(topic.embeds[0]?.footer?.text).toMatch(/Not medical advice/);
    const sources = await h.sim.slash('oxytocin', 'sources', { entry: 'prairie-voles' });
    expect(sources.embeds[0]?.description).toMatch(/^\*\*\[1\]\*\* /);
    const unknown = await h.sim.slash('oxytocin', 'topic', { entry: 'zzzz qqqq' });
    expect(unknown.ephemeral).toBe(true);
  });

  it('/oxytocin topics browses categories, then a category, then an entry', async () => {
    const all = await h.sim.slash('oxytocin', 'topics');
    expect(all.embeds[0]?.title).toBe('Topics');
    const menu = componentsOf(all).find((c) => c.type === 3);
    expect(menu?.options?.map((o) => o.value)).toContain('safety');
    const category = await h.sim.chooseOption(all, menu?.custom_id as string, ['safety']);
    expect(category.type).toBe('update');
    expect(category.embeds[0]?.title).toBe('Safety and medical advice');
    const entries = componentsOf(category).find((c) => c.type === 3);
    const entry = await h.sim.chooseOption(category, entries?.custom_id as string, [
      entries?.options?.[0]?.value as string,
    ]);
    expect(entry.embeds.at(-1)?.title).toBe(entries?.options?.[0]?.label);
    const direct = await h.sim.slash('oxytocin', 'topics', { category: 'social' });
    expect(direct.embeds[0]?.title).toBe('Social behaviour');
  });

  it('/oxytocin about shows the disclaimer, legend, figures and version', async () => {
    const r = await h.sim.slash('oxytocin', 'about');
    const embed = r.embeds[0];
    expect(embed?.description).toMatch(/not medical advice/i);
    expect(field(embed, 'Evidence levels')).toContain('animal research only');
    expect(field(embed, 'Knowledge base')).toMatch(
      /^\d+ entries · \d+ references · latest review \d{4}-\d{2}-\d{2}$/,
    );
    expect(embed?.footer?.text).toMatch(/^Oxytocin Bot v\d+\.\d+\.\d+/);
  });

  it('autocompletes questions: typo in the partial, empty partial, 25-choice cap', async () => {
    const typo = await h.sim.autocomplete('oxytocin', 'ask', 'question', 'breastfeding');
    expect(typo.choices.map((c) => c.name)).toContain('What role does oxytocin play in breastfeeding?');
    const empty = await h.sim.autocomplete('oxytocin', 'ask', 'question', '');
    expect(empty.choices).toHaveLength(25);
    const broad = await h.sim.autocomplete('oxytocin', 'ask', 'question', 'oxytocin');
    expect(broad.choices.length).toBeLessThanOrEqual(25);
    const entries = await h.sim.autocomplete('oxytocin', 'topic', 'entry', 'prairie');
    expect(entries.choices[0]?.value).toBe('prairie-voles');
  });

  it('picking an autocomplete choice asks that question', async () => {
    const choice = (await h.sim.autocomplete('oxytocin', 'ask', 'question', 'let-down')).choices[0];
    const r = await h.sim.slash('oxytocin', 'ask', { question: String(choice?.value) });
    expect(r.embeds[0]?.title).toBe(choice?.name);
  });

  it('the message context menu answers a message privately', async () => {
    const message = h.sim.postMessage('does hugging really release oxytocin?');
    const r = await h.sim.messageContextMenu('Ask Oxytocin Bot', message);
    expect(r.ephemeral).toBe(true);
    expect(r.embeds[0]?.title).toMatch(/hug/i);
  });

  it('answers a mention as a reply, without pinging the asker', async () => {
    const r = await h.sim.sendMessage('where is oxytocin made?', { mentionBot: true });
    expect(r.type).toBe('message');
    expect(r.replyTo).toBeDefined();
    expect(r.embeds[0]?.title).toBe('Where is oxytocin made in the body?');
    // The simulator records any bot message that could ping (missing allowed_mentions, parse not empty, ...).
    const sent = h.sim.channelMessages().find((m) => m.messageId === r.messageId);
    expect((sent?.raw as unknown as { allowed_mentions?: unknown } | undefined)?.allowed_mentions).toEqual({
      parse: [],
      replied_user: false,
    });
    expect(h.sim.violations().filter((v) => v.rule === 'may-ping')).toEqual([]);
  });

  it('answers a DM', async () => {
    const r = await h.sim.sendMessage('what is pitocin', { dm: true });
    expect(r.type).toBe('message');
    expect(r.embeds[0]?.title).toMatch(/Pitocin/);
  });

  it('ignores messages without a mention, and messages from bots', async () => {
    const plain = await h.sim.sendMessage('where is oxytocin made?', { timeoutMs: 800 });
    expect(plain.type).toBe('none');
    const fromBot = await h.sim.sendMessage('where is oxytocin made?', {
      mentionBot: true,
      bot: true,
      timeoutMs: 800,
    });
    expect(fromBot.type).toBe('none');
  });

  it('in a question channel answers confident questions and ignores chatter', async () => {
    const q = await h.sim.sendMessage('does breastfeeding release oxytocin?', { channelId: askChannel });
    expect(q.type).toBe('message');
    expect(q.embeds[0]?.title).toMatch(/breastfeeding/i);
    const chatter = await h.sim.sendMessage('lol nice weather today', {
      channelId: askChannel,
      timeoutMs: 800,
    });
    expect(chatter.type).toBe('none');
  });

  it('never pings: @everyone, roles and users in a long question', async () => {
    const question = `@everyone <@&123456789012345678> <@${h.sim.otherUser.id}> where is oxytocin made? ${'blah '.repeat(1190)}`;
    expect(question.length).toBeGreaterThan(6000);
    const r = await h.sim.sendMessage(question.slice(0, 6000), { mentionBot: true });
    expect(r.type).toBe('message');
    expect(h.sim.violations().filter((v) => v.rule === 'may-ping')).toEqual([]);
  });

  it('a handler that throws: the user is told, it is logged, the bot keeps serving', async () => {
    const r = await h.sim.slash('oxytocin', 'ask', { question: EXPLODE });
    expect(r.ephemeral).toBe(true);
    expect(r.content).toBe('Something went wrong; it has been logged.');
    const logged = h.logRecords().find((l) => l.msg === 'interaction handler failed');
    expect(logged).toMatchObject({ command: 'oxytocin', interactionId: expect.any(String) });
    const next = await h.sim.slash('oxytocin', 'ask', { question: 'where is oxytocin made?' });
    expect(next.embeds[0]?.title).toBe('Where is oxytocin made in the body?');
  });

  it('buttons keep working after a bot restart', async () => {
    const r = await h.sim.slash('oxytocin', 'ask', { question: 'what is oxytocin' });
    await h.restartBot();
    const sources = await h.sim.clickButton(r, customIdOf(r, 'sources'));
    expect(sources.embeds[0]?.title).toMatch(/^Sources: /);
  });

  it('never logs the token', () => {
    expect(h.logs().join('\n')).not.toContain(h.token);
  });

  it('recorded no Discord rule violation in the whole run', () => {
    expect(h.sim.violations()).toEqual([]);
  });
});

describe('cooldown', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ bot: { cooldown: { questions: 2, seconds: 30 } } });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('answers ephemerally with when to retry after the limit', async () => {
    await h.sim.slash('oxytocin', 'ask', { question: 'what is oxytocin' });
    await h.sim.slash('oxytocin', 'ask', { question: 'what is pitocin' });
    const third = await h.sim.slash('oxytocin', 'ask', { question: 'what is vasopressin' });
    expect(third.ephemeral).toBe(true);
    expect(third.content).toMatch(/^You're asking quickly\. Try again <t:\d+:R>\.$/);
    const other = await h.sim.slash(
      'oxytocin',
      'ask',
      { question: 'what is pitocin' },
      { user: h.sim.otherUser },
    );
    expect(other.embeds.length).toBe(1);
    expect(h.sim.violations()).toEqual([]);
  });
});
