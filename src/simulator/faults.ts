import type { Fault } from './types.ts';

interface PendingFault {
  method: string | null;
  matches: (path: string) => boolean;
  remaining: number;
  fault: Fault;
}

/**
 * Fails the next N requests matching a route pattern: `'POST /channels/:id/messages'`,
 * `'/interactions/*'` (`:name` and `*` match one path segment, a trailing `/**` any rest), or a RegExp on the path.
 */
export class FaultInjector {
  private pending: PendingFault[] = [];

  add(pattern: string | RegExp, count: number, fault: Fault): void {
    if (pattern instanceof RegExp) {
      this.pending.push({ method: null, matches: (path) => pattern.test(path), remaining: count, fault });
      return;
    }
    const match = /^(?:([A-Z]+)\s+)?(\/.*)$/.exec(pattern.trim());
    if (!match?.[2])
      throw new Error(
        `bad route pattern ${JSON.stringify(pattern)}; expected e.g. 'POST /channels/:id/messages'`,
      );
    this.pending.push({
      method: match[1] ?? null,
      matches: segmentMatcher(match[2]),
      remaining: count,
      fault,
    });
  }

  /** The fault for this request, if one is pending (and counts it down). */
  take(method: string, path: string): Fault | null {
    const entry = this.pending.find(
      (item) => (item.method === null || item.method === method) && item.matches(path),
    );
    if (!entry) return null;
    entry.remaining--;
    if (entry.remaining <= 0) this.pending = this.pending.filter((item) => item !== entry);
    return entry.fault;
  }

  clear(): void {
    this.pending = [];
  }
}

function segmentMatcher(pattern: string): (path: string) => boolean {
  const expected = pattern.split('/').filter(Boolean);
  const openEnded = expected.at(-1) === '**';
  if (openEnded) expected.pop();
  return (path) => {
    const actual = path.split('/').filter(Boolean);
    if (openEnded ? actual.length < expected.length : actual.length !== expected.length) return false;
    return expected.every(
      (segment, index) => segment === '*' || segment.startsWith(':') || segment === actual[index],
    );
  };
}
