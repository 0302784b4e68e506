import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger.ts';

/** A debug logger whose JSON lines are kept, parsed, for a test to read. */
export function captureLogs(): { lines: Record<string, unknown>[]; logger: Logger } {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _e, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'debug', pretty: false, destination }) };
}
