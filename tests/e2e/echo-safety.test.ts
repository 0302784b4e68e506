import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCustomId } from '../../src/discord/custom-ids.ts';
import type { ResponseView } from '../../src/simulator/index.ts';
import { type Harness, startHarness } from '../helpers/bot-harness.ts';
import { rendersPlain } from '../helpers/discord-markdown.ts';

const SCAM = 'does oxytocin help trust [FREE NITRO CLICK](https://discord-gift.example/claim) ?';
const SHOWN = 'does oxytocin help trust \\[FREE NITRO CLICK\\]\\(\\[link removed\\] ?';

type Component = { custom_id?: string };
const customIdOf = (view: ResponseView, action: string) =>
  (view.components as { components?: Component[] }[])
    .flatMap((row) => row.components ?? [])
    .find((c) => c.custom_id && decodeCustomId(c.custom_id)?.action === action)?.custom_id as string;

/** Everything a reader sees in a reply, as one string. */
const visible = (r: ResponseView) =>
  [
    r.content ?? '',
    ...r.embeds.flatMap((e) => [
      e.title ?? '',
      e.description ?? '',
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    ]),
  ].join('\n');

function expectNoScam(r: ResponseView) {
  expect(r.type).not.toBe('none');
  expect(visible(r)).not.toContain('discord-gift');
  expect(visible(r)).not.toMatch(/\]\(https?:\/\/discord/);
}

describe('user text is never echoed as live markdown or a link (every entry point)', () => {
  let h: Harness;
  let askChannel: string;

  beforeAll(async () => {
    h = await startHarness({ simulator: { guilds: [{ channels: ['general', 'ask-oxytocin'] }] } });
    askChannel = h.sim.guild.channels.find((c) => c.name === 'ask-oxytocin')?.id as string;
    await h.restartBot({ askChannelIds: [askChannel] });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('/oxytocin ask: the quoted question shows as typed, its link replaced', async () => {
    const r = await h.sim.slash('oxytocin', 'ask', { question: SCAM });
    expectNoScam(r);
    expect(r.content).toBe(`> ${SHOWN}`);
    expect(rendersPlain(SHOWN)).toBe(true);
    expect(r.embeds.at(-1)?.title).toMatch(/trust/i);
  });

  it('private answer and its "Share in channel" re-post', async () => {
    const r = await h.sim.slash('oxytocin', 'ask', { question: SCAM, private: true });
    expectNoScam(r);
    const shared = await h.sim.clickButton(r, customIdOf(r, 'share'));
    expectNoScam(shared);
    expect(shared.ephemeral).toBe(false);
  });

  it('"did you mean" and no-match replies quote the question safely', async () => {
    const vague = await h.sim.slash('oxytocin', 'ask', {
      question: '# oxytocin and behaviour <@&123456789012345678> https://evil.example',
    });
    expect(vague.embeds[0]?.title).toBe('Did you mean…?');
    expect(visible(vague)).not.toContain('evil.example');
    const quoted = /“(.*)”/.exec(vague.embeds[0]?.description ?? '')?.[1] ?? '';
    expect(rendersPlain(quoted)).toBe(true);

    const none = await h.sim.slash('oxytocin', 'ask', {
      question: 'who won the world cup [click](https://evil.example) @everyone',
    });
    expect(none.embeds[0]?.title).toBe("I don't have an answer for that");
    expect(visible(none)).not.toContain('evil.example');
    const q2 = /“(.*)”/.exec(none.embeds[0]?.description ?? '')?.[1] ?? '';
    expect(q2).toContain('\\@everyone');
    expect(rendersPlain(q2)).toBe(true);
  });

  it('a mention and a DM', async () => {
    const mention = await h.sim.sendMessage(SCAM, { mentionBot: true });
    expectNoScam(mention);
    expect(mention.content).toBe(`> ${SHOWN}`);
    const dm = await h.sim.sendMessage(SCAM, { dm: true });
    expectNoScam(dm);
    expect(dm.content).toBe(`> ${SHOWN}`);
  });

  it('a question channel', async () => {
    const r = await h.sim.sendMessage(
      'does breastfeeding release oxytocin? [see](https://discord-gift.example/claim)',
      { channelId: askChannel },
    );
    expectNoScam(r);
  });

  it('the message context menu', async () => {
    const r = await h.sim.messageContextMenu('Ask Oxytocin Bot', h.sim.postMessage(SCAM));
    expectNoScam(r);
    expect(r.content).toBe(`> ${SHOWN}`);
    expect(h.sim.violations()).toEqual([]);
  });

  it('a wall of text is cut to 200 characters', async () => {
    const r = await h.sim.sendMessage(`where is oxytocin made ${'blah '.repeat(1000)}`, { mentionBot: true });
    // Quoted above an answer, or inside “…” in a no-match or "did you mean" reply.
    const quoted =
      /^> (.*)$/m.exec(r.content ?? '')?.[1] ?? /“(.*)”/s.exec(r.embeds[0]?.description ?? '')?.[1] ?? '';
    expect(quoted.startsWith('where is oxytocin made blah')).toBe(true);
    expect(Array.from(quoted).length).toBe(200);
    expect(quoted.endsWith('…')).toBe(true);
  });
});
