/**
 * A question as typed, made safe to print on a terminal: control characters (an ANSI escape could rewrite
 * the screen) and invisible format characters go, whitespace collapses, long text is cut.
 */
export function terminalText(text: string, max = 120): string {
  const plain = text
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(plain);
  return chars.length <= max ? plain : `${chars.slice(0, max - 1).join('')}…`;
}

/** One argument for a POSIX shell: single-quoted, with a single quote written as '\''. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
