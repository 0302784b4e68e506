import { describe, expect, it } from 'vitest';
import {
  LINK_PLACEHOLDER,
  QUOTE_MAX,
  safeUserText,
  unescapeMarkdown,
} from '../../src/discord/render/user-text.ts';
import { markdownFeatures, rendersPlain } from '../helpers/discord-markdown.ts';

/** What a reader sees: the escaped text with Discord's escapes resolved. */
const shown = (text: string) => unescapeMarkdown(safeUserText(text));

describe('safeUserText: user text the bot echoes renders as typed, links nowhere, mentions nobody', () => {
  it('removes a masked link and its URL, and the rest reads as typed', () => {
    const q = 'does oxytocin help trust [FREE NITRO CLICK](https://discord-gift.example/claim) ?';
    const out = safeUserText(q);
    expect(out).not.toContain('discord-gift');
    expect(markdownFeatures(out).maskedLinks).toEqual([]);
    expect(rendersPlain(out)).toBe(true);
    expect(shown(q)).toBe(`does oxytocin help trust [FREE NITRO CLICK](${LINK_PLACEHOLDER} ?`);
  });

  it.each([
    ['raw URL', 'see https://evil.example/x?y=1 please', 'evil.example'],
    ['http and upper case', 'HTTP://EVIL.EXAMPLE/A', 'EVIL.EXAMPLE'],
    ['angle-bracket URL', 'look <https://evil.example/path> here', 'evil.example'],
    ['other schemes', 'steam://run/12345 and hxxps://bad.example', 'bad.example'],
    ['discord.gg invite', 'join discord.gg/abc123 now', 'discord.gg'],
    ['discord.com invite', 'join discord.com/invite/abc123', 'discord.com'],
    ['bare www host', 'go to www.scam.net today', 'scam.net'],
    ['URL hidden by a zero-width space', 'ht\u200btps://evil.example/x', 'evil.example'],
    ['URL split by a soft hyphen', 'https://ev\u00adil.example', 'evil.example'],
  ])('replaces a %s with a placeholder', (_name, q, host) => {
    const out = safeUserText(q);
    expect(out.toLowerCase()).not.toContain(host.toLowerCase());
    expect(shown(q)).toContain(LINK_PLACEHOLDER);
    expect(markdownFeatures(out).urls).toEqual([]);
  });

  it('leaves ordinary dotted words alone', () => {
    expect(shown('e.g. i.e. 5.5/10 mr.smith, hi.so what')).toBe('e.g. i.e. 5.5/10 mr.smith, hi.so what');
  });

  it.each([
    ['heading', '# FREE NITRO', (f: ReturnType<typeof markdownFeatures>) => f.headings],
    ['small heading', '### hi', (f: ReturnType<typeof markdownFeatures>) => f.headings],
    ['subtext', '-# tiny', (f: ReturnType<typeof markdownFeatures>) => f.lists],
    ['bullet list', '- one', (f: ReturnType<typeof markdownFeatures>) => f.lists],
    ['numbered list', '1. one', (f: ReturnType<typeof markdownFeatures>) => f.lists],
    ['timestamp', 'at <t:1700000000:R>', (f: ReturnType<typeof markdownFeatures>) => f.mentions],
    ['@everyone', '@everyone look', (f: ReturnType<typeof markdownFeatures>) => f.mentions],
    ['@here', 'hey @here', (f: ReturnType<typeof markdownFeatures>) => f.mentions],
    ['user mention', 'ask <@123456789012345678>', (f: ReturnType<typeof markdownFeatures>) => f.mentions],
    ['nick mention', 'ask <@!123456789012345678>', (f: ReturnType<typeof markdownFeatures>) => f.mentions],
    ['role mention', 'ping <@&123456789012345678>', (f: ReturnType<typeof markdownFeatures>) => f.mentions],
    ['channel mention', 'see <#123456789012345678>', (f: ReturnType<typeof markdownFeatures>) => f.mentions],
    [
      'custom emoji',
      'lol <:blob:123456789012345678>',
      (f: ReturnType<typeof markdownFeatures>) => f.mentions,
    ],
    [
      'slash mention',
      'use </ban:123456789012345678>',
      (f: ReturnType<typeof markdownFeatures>) => f.mentions,
    ],
  ])('shows a %s as plain text', (_name, q, pick) => {
    const out = safeUserText(q);
    expect(pick(markdownFeatures(out))).toEqual([]);
    expect(rendersPlain(out)).toBe(true);
    expect(shown(q)).toBe(q);
  });

  it('shows block quotes, spoilers, bold, code fences and backticks as typed', () => {
    for (const q of [
      '> quoted',
      '||spoiler||',
      '**bold** __u__ ~~s~~ *i*',
      '```js code ```',
      'a `b` c ``d``',
    ]) {
      const out = safeUserText(q);
      expect(rendersPlain(out), q).toBe(true);
      expect(shown(q)).toBe(q);
    }
  });

  it('collapses a multi-line code fence to one plain line', () => {
    const out = safeUserText('```js\nconsole.log(1)\n```');
    expect(out).not.toContain('\n');
    expect(rendersPlain(out)).toBe(true);
  });

  it('drops zero-width and right-to-left control characters', () => {
    const q = 'is\u200b oxy\u200d\u2060tocin \u202esafe\u202c \u2066ok\u2069\ufeff';
    expect(shown(q)).toBe('is oxytocin safe ok');
  });

  it('keeps a user backslash from cancelling an escape', () => {
    const out = safeUserText('\\# not a heading \\[x\\](y)');
    expect(rendersPlain(out)).toBe(true);
    expect(shown('\\# x')).toBe('\\# x');
  });

  it(`cuts 6,000 characters to ${QUOTE_MAX} with an ellipsis, never inside a URL or a surrogate pair`, () => {
    const q = `${'💕'.repeat(150)} https://evil.example/${'a'.repeat(3000)} ${'word '.repeat(500)}`;
    const out = shown(q);
    expect(Array.from(out)).toHaveLength(QUOTE_MAX);
    expect(out.endsWith('…')).toBe(true);
    expect(out).not.toContain('evil');
    expect(safeUserText('x'.repeat(6000)).length).toBe(QUOTE_MAX);
    expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('keeps the words of a normal question exactly', () => {
    expect(shown("Where is oxytocin made? I'm curious!")).toBe("Where is oxytocin made? I'm curious!");
  });
});
