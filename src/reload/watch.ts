import { type FSWatcher, watch } from 'node:fs';
import type { Logger } from '../logger.ts';

/**
 * Edits come in bursts (an editor writes a temp file, renames it, touches it; a `git pull` writes dozens):
 * wait this long after the last event. Under a second, so that with loading and building (0.4-1.6 s on this
 * 2-core machine, idle to busy) an edit is served within 3 s.
 */
export const DEBOUNCE_MS = 750;

/**
 * Watches the knowledge directory (recursively) and calls `onChange` once a burst of changes has settled.
 * Returns a function that stops watching.
 */
export function watchKnowledge(
  dir: string,
  onChange: () => void,
  logger: Logger,
  { debounceMs = DEBOUNCE_MS } = {},
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher;
  try {
    watcher = watch(dir, { recursive: true, persistent: false }, () => {
      clearTimeout(timer);
      timer = setTimeout(onChange, debounceMs);
    });
  } catch (error) {
    logger.warn({ err: error, dir }, 'cannot watch the knowledge directory; SIGHUP still reloads it');
    return () => undefined;
  }
  watcher.on('error', (error) =>
    logger.warn({ err: error, dir }, 'knowledge watcher failed; SIGHUP still reloads'),
  );
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
