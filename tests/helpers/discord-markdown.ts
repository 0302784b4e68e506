/**
 * What Discord's markdown would make of a piece of text: the constructs that matter for user text the bot
 * echoes (links, headings, mentions, code, spoilers, lists, quotes). Honours backslash escapes as Discord does
 * (a backslash before any non-alphanumeric character shows that character literally).
 */
export interface MarkdownFeatures {
  urls: string[];
  maskedLinks: string[];
  headings: string[];
  mentions: string[];
  code: boolean;
  spoilers: boolean;
  lists: string[];
  quotes: boolean;
}

const ESCAPED = /\\[^\p{L}\p{N}\s]/gu;

/** Escaped characters become an inert marker, so the patterns below see only live markdown. */
function live(text: string): string {
  return text.replace(ESCAPED, '\uE000');
}

export function markdownFeatures(text: string): MarkdownFeatures {
  const t = live(text);
  const all = (re: RegExp) => [...t.matchAll(re)].map((m) => m[0]);
  return {
    urls: all(/[\p{L}\p{N}+.-]+:\/\/[^\s<\uE000]+/giu),
    maskedLinks: all(/\[[^\]\n]*\]\([^)\n]*\)/g),
    headings: all(/^(?:> )?#{1,3} .*/gm),
    mentions: all(
      /<(?:@[!&]?\d+|#\d+|t:-?\d+(?::[a-zA-Z])?|a?:\w+:\d+|\/[\w -]+:\d+)>|@(?:everyone|here)\b/g,
    ),
    code: t.includes('`'),
    spoilers: t.includes('||'),
    lists: all(/^(?:> )?(?:-# |[-*+] |\d+\. )/gm),
    quotes: /^>{1,3} /m.test(t),
  };
}

/** True when the text would render as plain text: nothing in it formats, links or mentions. */
export function rendersPlain(text: string): boolean {
  const f = markdownFeatures(text);
  return (
    f.urls.length === 0 &&
    f.maskedLinks.length === 0 &&
    f.headings.length === 0 &&
    f.mentions.length === 0 &&
    !f.code &&
    !f.spoilers &&
    f.lists.length === 0 &&
    !f.quotes
  );
}
