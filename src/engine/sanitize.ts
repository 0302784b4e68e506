/** Longest question the engine reads; Discord allows 6,000 characters in an option, nobody asks that much. */
export const MAX_QUERY_CHARS = 1000;

/**
 * Makes any user text safe to match: drops Discord mentions, custom emoji, masked links, URLs, code fences and control
 * characters, collapses whitespace and caps the length. Linear in the input.
 */
export function sanitizeQuery(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  return (
    raw
      .slice(0, MAX_QUERY_CHARS * 4)
      .replace(/<a?:\w+:\d+>/g, ' ')
      .replace(/<(?:@[!&]?|#)\d+>/g, ' ')
      .replace(/@(?:everyone|here)\b/g, ' ')
      // A masked link ("[FREE NITRO](https://...)") is an embedded link, not part of the question: its text goes too.
      .replace(/\[[^\]\n]{0,200}\]\(\s*<?[a-z][\w+.-]*:\/\/[^)\s]*>?\s*\)/gi, ' ')
      .replace(/https?:\/\/\S+/g, ' ')
      .replace(/```/g, ' ')
      .replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, MAX_QUERY_CHARS)
  );
}
