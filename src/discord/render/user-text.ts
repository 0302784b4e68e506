/**
 * Text a user wrote, made safe to show in a message the bot posts: it renders exactly as typed, formats
 * nothing, links nowhere and mentions nobody. Every renderer that echoes a question goes through here; the
 * engine still sees the original text.
 */

/** How much of a question is echoed back; a wall of text is cut with an ellipsis. */
export const QUOTE_MAX = 200;

export const LINK_PLACEHOLDER = '[link removed]';

// Invisible format characters (zero-width, bidi controls, soft hyphen, tags) and control characters: they can
// hide a link from a reader or from the URL patterns below, and reverse how the rest of the line reads.
const INVISIBLE = /[\p{Cf}\p{Cc}\p{Co}\u2028\u2029]/gu;

// Anything with a scheme ("https://", "steam://", "hxxps://"): Discord links several schemes, so all go.
// The look-behind starts a match only at the start of a word, which keeps it linear on a 6,000-letter word.
const SCHEME_URL = /(?<![\p{L}\p{N}+.-])[\p{L}\p{N}+.-]*:\/\/\S*/giu;

// Bare host names with a dot and a plausible top-level domain, with or without a path ("discord.gg/abc",
// "www.example.com"). Discord does not link these itself, but an invite or a scam domain is still an ad.
const HOST =
  /(?<![\p{L}\p{N}@.-])(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+([\p{L}]{2,24})(?::\d{1,5})?(?:[/?#]\S*)?/giu;

const GENERIC_TLDS = new Set(
  'com net org gg io co me ly to ru cn tk ml ga cf gq su uk de fr us xyz info biz app dev link site online shop store top club gift gifts live pro tv cc ws fun click best win vip icu cyou buzz art page one world today email zip mov edu gov mil int'.split(
    ' ',
  ),
);

// Another two-letter ending ("hi.so does it...") is usually a missing space, so only a path or a third label
// ("www.x.nl", "x.nl/abc") makes it a link.
function isLinkLike(host: string, tld: string): boolean {
  if (GENERIC_TLDS.has(tld.toLowerCase())) return true;
  return /[/?#]/.test(host) || host.split('.').length >= 3;
}

// Every ASCII character Discord's markdown gives a meaning to, anywhere in a line: emphasis, strike, spoilers,
// code, masked links, block quotes, mentions, channels, timestamps, custom emoji, headings, subtext, lists.
const MARKDOWN = /[\\*_~|`[\]()<>#@:-]/g;

/**
 * One line of user text, safe to post: invisible characters dropped, whitespace collapsed, URLs and invites
 * replaced by "[link removed]", cut at `max` characters, and every markdown character escaped with a
 * backslash (Discord shows an escaped character as itself).
 */
export function safeUserText(text: string, max: number = QUOTE_MAX): string {
  const plain = text.replace(/\s+/gu, ' ').replace(INVISIBLE, '').trim();
  const delinked = plain
    .replace(SCHEME_URL, LINK_PLACEHOLDER)
    .replace(HOST, (host, tld: string) => (isLinkLike(host, tld) ? LINK_PLACEHOLDER : host));
  return escapeMarkdown(cut(delinked, max));
}

/** Backslash before every markdown character; "1." at the start would be a numbered list, so its dot too. */
export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN, '\\$&').replace(/^(\d+)\./, '$1\\.');
}

/** The reverse of `escapeMarkdown`, for reading a quoted question back out of a message. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([^\p{L}\p{N}\s])/gu, '$1');
}

function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
