import type { APIEmbed } from 'discord.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseView } from '../../src/simulator/index.ts';
import { type Harness, startHarness } from '../helpers/bot-harness.ts';
import { rendersPlain } from '../helpers/discord-markdown.ts';
import { anyQuestion, PROPERTY_SEED, RUNS } from './arbitraries.ts';

/** A link a scammer might put in a question; `host` is what must never come back. */
const link = fc
  .tuple(
    fc.constantFrom('https://', 'http://', 'HTTPS://', 'steam://', 'hxxps://', '', 'www.'),
    fc.stringMatching(/^[a-z]{3,8}[0-9]{2}$/),
    fc.constantFrom('com', 'gg', 'net', 'xyz', 'gift', 'example'),
    fc.constantFrom('', '/claim', '/a?b=c#d', '/invite/xyz'),
    fc.constantFrom('plain', 'masked', 'angle', 'invite'),
  )
  .map(([scheme, name, tld, path, style]) => {
    const host = style === 'invite' ? `discord.gg/${name}` : `${name}.${tld}`;
    const prefix = scheme === '' && tld === 'example' && style !== 'invite' ? 'https://' : scheme;
    const url = style === 'invite' ? host : `${prefix}${host}${path}`;
    const text = style === 'masked' ? `[FREE NITRO](${url})` : style === 'angle' ? `<${url}>` : url;
    return { text, host: style === 'invite' ? name : `${name}.${tld}` };
  });

const question = fc
  .tuple(anyQuestion, fc.array(link, { minLength: 1, maxLength: 3 }), anyQuestion)
  .map(([before, links, after]) => ({
    q: `${before.slice(0, 120)} ${links.map((l) => l.text).join(' oxytocin ')} ${after.slice(0, 300)}`,
    hosts: links.map((l) => l.host),
  }));

type EntryPoint = 'slash' | 'slash-private' | 'mention' | 'dm' | 'context-menu';

function visibleTexts(r: ResponseView): string[] {
  const embedTexts = (e: APIEmbed) => [
    e.title ?? '',
    e.description ?? '',
    e.footer?.text ?? '',
    ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
  ];
  return [r.content ?? '', ...r.embeds.flatMap(embedTexts)];
}

/** The user's own words as the bot echoed them: the quote above an answer, or inside “…” in an embed. */
function quotedParts(r: ResponseView): string[] {
  const parts: string[] = [];
  const quote = /^> (.*)$/m.exec(r.content ?? '')?.[1];
  if (quote !== undefined) parts.push(quote);
  for (const e of r.embeds) {
    const inQuotes = /“(.*)”/s.exec(e.description ?? '')?.[1];
    if (inQuotes !== undefined) parts.push(inQuotes);
  }
  return parts;
}

describe('property: nothing a user writes comes back as a link, heading or mention', () => {
  let h: Harness;
  beforeAll(async () => {
    // No follow-ups are expected, so the simulator need not wait for quiet after each reply.
    h = await startHarness({
      simulator: { quietMs: 1 },
      bot: { cooldown: { questions: 1_000_000, seconds: 1 } },
    });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it(`${RUNS} questions with links and markdown, through the simulator, at every entry point`, async () => {
    await fc.assert(
      fc.asyncProperty(
        question,
        fc.constantFrom<EntryPoint>('slash', 'slash-private', 'mention', 'dm', 'context-menu'),
        async ({ q, hosts }, where) => {
          const text = q.slice(0, 1800);
          let r: ResponseView;
          if (where === 'slash' || where === 'slash-private')
            r = await h.sim.slash('oxytocin', 'ask', {
              // A slash option holds at most 300 characters; a cut link is still a link to remove.
              question:
                text
                  .trim()
                  .slice(0, 300)
                  .replace(/[\ud800-\udbff]$/, '') || 'x',
              private: where === 'slash-private',
            });
          else if (where === 'context-menu')
            r = await h.sim.messageContextMenu('Ask Oxytocin Bot', h.sim.postMessage(text.trim() || 'x'));
          else
            r = await h.sim.sendMessage(
              text.trim() || 'x',
              where === 'dm' ? { dm: true } : { mentionBot: true },
            );
          expect(r.type).not.toBe('none');
          const all = visibleTexts(r).join('\n').toLowerCase();
          for (const host of hosts) expect(all).not.toContain(host.toLowerCase());
          for (const part of quotedParts(r)) expect(rendersPlain(part), part).toBe(true);
        },
      ),
      { numRuns: RUNS, seed: PROPERTY_SEED },
    );
    expect(h.sim.violations()).toEqual([]);
  }, 600_000);
});

describe('property: safeUserText on any text', () => {
  it(`${RUNS} strings: the result renders as plain text and keeps no link`, async () => {
    const { safeUserText } = await import('../../src/discord/render/user-text.ts');
    fc.assert(
      fc.property(question, ({ q, hosts }) => {
        const out = safeUserText(q);
        expect(rendersPlain(out), out).toBe(true);
        for (const host of hosts) expect(out.toLowerCase()).not.toContain(host.toLowerCase());
        expect(Array.from(out).length).toBeLessThanOrEqual(200 * 2);
      }),
      { numRuns: RUNS, seed: PROPERTY_SEED },
    );
  });
});
