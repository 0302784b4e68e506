import { PermissionFlagsBits as P } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NAME as REPLY_MENU, REPLY_TO_A_BOT } from '../../commands/reply-context-menu.ts';
import { decodeCustomId } from '../../src/discord/custom-ids.ts';
import { FOR_A_BOT, FOR_AND_PRIVATE } from '../../src/discord/on-behalf/recipient.ts';
import { TARGET_GONE } from '../../src/discord/on-behalf/reply-to-message.ts';
import type { MessageView, ResponseView } from '../../src/simulator/index.ts';
import { type Harness, startHarness } from '../helpers/bot-harness.ts';

type Component = { type: number; custom_id?: string; options?: { value: string; label: string }[] };
const componentsOf = (view: { components: unknown[] }): Component[] =>
  (view.components as { components?: Component[] }[]).flatMap((row) => row.components ?? []);
const menuOf = (view: ResponseView) => componentsOf(view).find((c) => c.type === 3) as Component;
const callbackMentions = (r: ResponseView) =>
  (r.raw.callback as { data: { allowed_mentions: unknown } }).data.allowed_mentions;
// What the invite asks for (README); without Administrator, which would grant everything.
const INVITED =
  P.ViewChannel | P.SendMessages | P.SendMessagesInThreads | P.EmbedLinks | P.ReadMessageHistory;
const allBut = (bit: bigint) => INVITED & ~bit;

const CONFIDENT = 'where is oxytocin made?';
const VAGUE = 'oxytocin and behaviour'; // mothers, fathers, genes and addiction entries all fit
const OFF_TOPIC = 'who won the world cup';

describe('answering someone else: for:<user> and "Reply with Oxytocin Bot"', () => {
  let h: Harness;
  let alice: string; // the helper
  let bob: string; // the person who asked
  const nobody = { users: [], roles: [], everyone: false };
  const onlyBob = () => ({ users: [bob], roles: [], everyone: false });

  /** The bot's public messages in the channel posted after the marker message. */
  const publicAfter = (marker: string): MessageView[] =>
    h.sim
      .channelMessages()
      .filter(
        (m) => !m.ephemeral && m.raw.author.id === h.sim.botUser.id && BigInt(m.messageId) > BigInt(marker),
      );
  const bobAsks = (text: string) => h.sim.postMessage(text, { author: h.sim.otherUser });
  const marker = () => h.sim.postMessage('(marker)', { author: h.sim.otherUser }).id;

  beforeAll(async () => {
    h = await startHarness();
    alice = h.sim.user.id;
    bob = h.sim.otherUser.id;
  });
  afterAll(async () => {
    await h?.stop();
  });
  afterEach(() => {
    h.sim.setBotPermissions(h.sim.channel.id, null);
    // Content 2000, embeds, components, custom ids 100, pings: the simulator records any broken rule.
    const violations = h.sim.violations();
    h.sim.clearViolations();
    expect(violations).toEqual([]);
  });

  it('registers both message menus and the for option on ask and topic', () => {
    const commands = h.sim.commands(h.sim.guild.id);
    expect(commands.filter((c) => c.type === 3).map((c) => c.name)).toEqual([
      'Ask Oxytocin Bot',
      'Reply with Oxytocin Bot',
    ]);
    const oxytocin = commands.find((c) => c.name === 'oxytocin');
    for (const sub of ['ask', 'topic']) {
      const options = (oxytocin?.options ?? []).find((o) => o.name === sub) as { options?: unknown[] };
      expect(options.options).toContainEqual(expect.objectContaining({ name: 'for', type: 6 }));
    }
  });

  describe('/oxytocin ask ... for:<user>', () => {
    it('posts the answer publicly, starting with the mention, pinging that user only', async () => {
      const r = await h.sim.slash('oxytocin', 'ask', { question: CONFIDENT, for: h.sim.otherUser });
      expect(r.type).toBe('reply');
      expect(r.ephemeral).toBe(false);
      expect(r.content).toBe(`<@${bob}>\n> where is oxytocin made?\n-# Sent by <@${alice}>`);
      expect(r.embeds[0]?.title).toBe('Where is oxytocin made in the body?');
      expect(callbackMentions(r)).toEqual({ parse: [], users: [bob] });
      expect(r.pings).toEqual(onlyBob());
    });

    it('keeps @everyone, roles and other users in the quoted question inert', async () => {
      const question = `@everyone @here <@&123456789012345678> <@${alice}> where is oxytocin made?`;
      const r = await h.sim.slash('oxytocin', 'ask', { question, for: h.sim.otherUser });
      expect(r.ephemeral).toBe(false);
      expect(r.content?.split('\n')[1]).toBe(
        `> \\@everyone \\@here \\<\\@&123456789012345678\\> \\<\\@${alice}\\> where is oxytocin made?`,
      );
      expect(r.pings).toEqual(onlyBob());
    });

    it('not sure: posts nothing, shows the helper the "did you mean" privately, and a pick posts it for them', async () => {
      const before = marker();
      const r = await h.sim.slash('oxytocin', 'ask', { question: VAGUE, for: h.sim.otherUser });
      expect(r.ephemeral).toBe(true);
      expect(r.content).toBe(
        `Nothing was posted: I'm not sure which answer <@${bob}> needs. Pick one and I'll post it for them.`,
      );
      expect(r.embeds[0]?.title).toBe('Did you mean…?');
      expect(r.pings).toEqual(nobody);
      expect(publicAfter(before)).toEqual([]);

      const menu = menuOf(r);
      expect(decodeCustomId(menu.custom_id as string)).toEqual({ action: 'pick-for', userId: bob });
      const option = menu.options?.[0] as { value: string; label: string };
      const posted = await h.sim.chooseOption(r, menu.custom_id as string, [option.value]);
      expect(posted.ephemeral).toBe(false);
      expect(posted.content).toBe(`<@${bob}>\n> ${VAGUE}\n-# Sent by <@${alice}>`);
      expect(posted.embeds[0]?.title).toBe(option.label);
      expect(callbackMentions(posted)).toEqual({ parse: [], users: [bob] });
      expect(posted.pings).toEqual(onlyBob());
      expect(publicAfter(before).map((m) => m.messageId)).toEqual([posted.messageId]);
    });

    it('no match: posts nothing and pings nobody; the helper is told privately', async () => {
      const before = marker();
      const r = await h.sim.slash('oxytocin', 'ask', { question: OFF_TOPIC, for: h.sim.otherUser });
      expect(r.ephemeral).toBe(true);
      expect(r.content).toBe(`Nothing was posted for <@${bob}>: I don't have an answer for that.`);
      expect(r.embeds[0]?.title).toBe("I don't have an answer for that");
      expect(r.pings).toEqual(nobody);
      expect(publicAfter(before)).toEqual([]);
    });

    it('refuses a bot, and for together with private, privately', async () => {
      const before = marker();
      const toBot = await h.sim.slash('oxytocin', 'ask', { question: CONFIDENT, for: h.sim.botUser });
      expect(toBot).toMatchObject({ ephemeral: true, content: FOR_A_BOT, embeds: [] });
      const both = await h.sim.slash('oxytocin', 'ask', {
        question: CONFIDENT,
        for: h.sim.otherUser,
        private: true,
      });
      expect(both).toMatchObject({ ephemeral: true, content: FOR_AND_PRIVATE, embeds: [] });
      expect(publicAfter(before)).toEqual([]);
    });

    it('tells the helper which permission the bot lacks in the channel', async () => {
      h.sim.setBotPermissions(h.sim.channel.id, allBut(P.SendMessages));
      const r = await h.sim.slash('oxytocin', 'ask', { question: CONFIDENT, for: h.sim.otherUser });
      expect(r.ephemeral).toBe(true);
      expect(r.content).toMatch(/^I can't post that here: I don't have the \*\*Send Messages\*\* permission/);
      expect(r.pings).toEqual(nobody);
    });

    it('a pick checks the permissions again when it posts', async () => {
      const r = await h.sim.slash('oxytocin', 'ask', { question: VAGUE, for: h.sim.otherUser });
      const menu = menuOf(r);
      h.sim.setBotPermissions(h.sim.channel.id, allBut(P.ViewChannel));
      const picked = await h.sim.chooseOption(r, menu.custom_id as string, [
        menu.options?.[0]?.value as string,
      ]);
      expect(picked.ephemeral).toBe(true);
      expect(picked.content).toMatch(/\*\*View Channel\*\* permission/);
    });

    it('the longest question stays within every limit', async () => {
      const question = `${'[x](https://a.example) <@1234567890123456789> *_~|`#>-: '.repeat(6)}`.slice(
        0,
        300,
      );
      const r = await h.sim.slash('oxytocin', 'ask', { question, for: h.sim.otherUser });
      expect(r.type).not.toBe('none');
      expect([...(r.content ?? '')].length).toBeLessThanOrEqual(2000);
      for (const c of componentsOf(r)) expect((c.custom_id ?? '').length).toBeLessThanOrEqual(100);
      expect(r.pings?.users.every((id) => id === bob)).toBe(true);
    });
  });

  describe('/oxytocin topic ... for:<user>', () => {
    it('posts the entry for that user, pinging them only', async () => {
      const r = await h.sim.slash('oxytocin', 'topic', { entry: 'prairie-voles', for: h.sim.otherUser });
      expect(r.ephemeral).toBe(false);
      expect(r.content).toBe(`<@${bob}>\n-# Sent by <@${alice}>`);
      expect(r.embeds[0]?.title).toMatch(/vole/i);
      expect(callbackMentions(r)).toEqual({ parse: [], users: [bob] });
      expect(r.pings).toEqual(onlyBob());
    });

    it('refuses a bot privately', async () => {
      const r = await h.sim.slash('oxytocin', 'topic', { entry: 'prairie-voles', for: h.sim.botUser });
      expect(r).toMatchObject({ ephemeral: true, content: FOR_A_BOT });
    });
  });

  describe(`message menu "${REPLY_MENU}"`, () => {
    it('replies to the message publicly, pinging its author only, and tells the helper where', async () => {
      const target = bobAsks('does hugging really release oxytocin?');
      const r = await h.sim.messageContextMenu(REPLY_MENU, target);
      expect(r.ephemeral).toBe(true);
      const [reply] = publicAfter(target.id);
      expect(reply).toBeDefined();
      expect(r.content).toBe(
        `Sent as a reply: https://discord.com/channels/${h.sim.guild.id}/${h.sim.channel.id}/${reply?.messageId}`,
      );
      expect(reply?.replyTo).toBe(target.id);
      expect(reply?.raw.message_reference).toMatchObject({ message_id: target.id });
      expect((reply?.raw as unknown as { allowed_mentions?: unknown } | undefined)?.allowed_mentions).toEqual(
        {
          parse: [],
          replied_user: true,
        },
      );
      expect(reply?.pings).toEqual(onlyBob());
      expect(reply?.content).toBe(`-# Sent by <@${alice}>`);
      expect(reply?.embeds[0]?.title).toMatch(/hug/i);
      expect(r.pings).toEqual(nobody);
    });

    it('pings nobody else, whatever the message mentions', async () => {
      const target = bobAsks(
        `@everyone <@&123456789012345678> <@${alice}> does hugging really release oxytocin?`,
      );
      await h.sim.messageContextMenu(REPLY_MENU, target);
      const [reply] = publicAfter(target.id);
      expect(reply?.replyTo).toBe(target.id);
      expect(reply?.pings).toEqual(onlyBob());
    });

    it('not sure: posts nothing; the helper picks privately and the pick is posted as the reply', async () => {
      const target = bobAsks(VAGUE);
      const r = await h.sim.messageContextMenu(REPLY_MENU, target);
      expect(r.ephemeral).toBe(true);
      expect(r.content).toBe(
        `Nothing was posted: I'm not sure which answer <@${bob}> needs. Pick one and I'll post it as a reply to their message.`,
      );
      expect(r.embeds[0]?.title).toBe('Did you mean…?');
      expect(publicAfter(target.id)).toEqual([]);

      const menu = menuOf(r);
      expect(decodeCustomId(menu.custom_id as string)).toEqual({
        action: 'pick-reply',
        messageId: target.id,
      });
      const option = menu.options?.[1] as { value: string; label: string };
      const picked = await h.sim.chooseOption(r, menu.custom_id as string, [option.value]);
      const [reply] = publicAfter(target.id);
      expect(picked.type).toBe('update');
      expect(picked.content).toBe(
        `Sent as a reply: https://discord.com/channels/${h.sim.guild.id}/${h.sim.channel.id}/${reply?.messageId}`,
      );
      expect(picked.components).toEqual([]);
      expect(reply?.replyTo).toBe(target.id);
      expect(reply?.embeds[0]?.title).toBe(option.label);
      expect(reply?.content).toBe(`-# Sent by <@${alice}>`);
      expect(reply?.pings).toEqual(onlyBob());
    });

    it('no match: posts nothing and pings nobody', async () => {
      const target = bobAsks(OFF_TOPIC);
      const r = await h.sim.messageContextMenu(REPLY_MENU, target);
      expect(r.ephemeral).toBe(true);
      expect(r.content).toBe(`Nothing was posted for <@${bob}>: I don't have an answer for that.`);
      expect(r.embeds[0]?.title).toBe("I don't have an answer for that");
      expect(publicAfter(target.id)).toEqual([]);
    });

    it("refuses a bot's message privately, including its own answers", async () => {
      const fromBot = h.sim.postMessage('does hugging really release oxytocin?', { bot: true });
      const r = await h.sim.messageContextMenu(REPLY_MENU, fromBot);
      expect(r).toMatchObject({ ephemeral: true, content: REPLY_TO_A_BOT });
      const answer = await h.sim.slash('oxytocin', 'ask', { question: CONFIDENT });
      const own = await h.sim.messageContextMenu(REPLY_MENU, answer);
      expect(own).toMatchObject({ ephemeral: true, content: REPLY_TO_A_BOT });
      expect(publicAfter(fromBot.id).filter((m) => m.replyTo)).toEqual([]);
    });

    it.each([
      ['Read Message History', P.ReadMessageHistory],
      ['Send Messages', P.SendMessages],
      ['View Channel', P.ViewChannel],
      ['Embed Links', P.EmbedLinks],
    ])('without %s: says so privately and sends nothing', async (name, bit) => {
      const target = bobAsks('does hugging really release oxytocin?');
      h.sim.setBotPermissions(h.sim.channel.id, allBut(bit));
      const r = await h.sim.messageContextMenu(REPLY_MENU, target);
      expect(r.ephemeral).toBe(true);
      expect(r.content).toContain(`the **${name}** permission in this channel`);
      expect(publicAfter(target.id)).toEqual([]);
      // It checked first: Discord was never asked (no 403 recorded by the simulator).
    });

    it('a pick whose message was deleted meanwhile is explained, and nothing is sent', async () => {
      const target = bobAsks(VAGUE);
      const r = await h.sim.messageContextMenu(REPLY_MENU, target);
      const menu = menuOf(r);
      const deleted = await fetch(`${h.sim.apiBase}/v10/channels/${h.sim.channel.id}/messages/${target.id}`, {
        method: 'DELETE',
        headers: { Authorization: `Bot ${h.token}` },
      });
      expect(deleted.status).toBe(204);
      const picked = await h.sim.chooseOption(r, menu.custom_id as string, [
        menu.options?.[0]?.value as string,
      ]);
      expect(picked).toMatchObject({ ephemeral: true, content: TARGET_GONE });
      expect(publicAfter(target.id)).toEqual([]);
      // Discord refused the reply to an unknown message; the bot told the helper instead of failing.
      expect(h.sim.violations().map((v) => v.rule)).toEqual(['message-reference']);
      h.sim.clearViolations();
    });

    it('a wall of text stays within every limit', async () => {
      const target = bobAsks(
        `oxytocin and behaviour ${'<@&123456789012345678> [x](https://a.example) '.repeat(60)}`,
      );
      const r = await h.sim.messageContextMenu(REPLY_MENU, target);
      expect(r.type).not.toBe('none');
      expect([...(r.content ?? '')].length).toBeLessThanOrEqual(2000);
      for (const c of componentsOf(r)) expect((c.custom_id ?? '').length).toBeLessThanOrEqual(100);
    });

    it('the private "Ask Oxytocin Bot" menu stays private', async () => {
      const target = bobAsks('does hugging really release oxytocin?');
      const r = await h.sim.messageContextMenu('Ask Oxytocin Bot', target);
      expect(r.ephemeral).toBe(true);
      expect(r.embeds[0]?.title).toMatch(/hug/i);
      expect(publicAfter(target.id)).toEqual([]);
    });
  });

  it("uses the helper's cooldown: past it, nothing is posted", async () => {
    await h.restartBot({ cooldown: { questions: 1, seconds: 60 } });
    const before = marker();
    const first = await h.sim.slash('oxytocin', 'ask', { question: CONFIDENT, for: h.sim.otherUser });
    expect(first.ephemeral).toBe(false);
    const again = await h.sim.slash('oxytocin', 'topic', { entry: 'prairie-voles', for: h.sim.otherUser });
    expect(again.ephemeral).toBe(true);
    expect(again.content).toMatch(/^You're asking quickly/);
    const menu = await h.sim.messageContextMenu(REPLY_MENU, bobAsks('does hugging really release oxytocin?'));
    expect(menu.content).toMatch(/^You're asking quickly/);
    expect(publicAfter(before).map((m) => m.messageId)).toEqual([first.messageId]);
    // The cooldown is the helper's: the person helped can still ask.
    const bobOwn = await h.sim.slash('oxytocin', 'ask', { question: CONFIDENT }, { user: h.sim.otherUser });
    expect(bobOwn.ephemeral).toBe(false);
  });
});
