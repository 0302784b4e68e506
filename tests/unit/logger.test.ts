import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';

function capture(pretty = false) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ pretty, secrets: [TOKEN], destination });
  return { logger, output: () => lines.join('') };
}

describe('logger', () => {
  it('writes JSON lines by default', () => {
    const { logger, output } = capture();
    logger.info({ entryId: 'what-is-oxytocin' }, 'answered');
    const line = JSON.parse(output());
    expect(line).toMatchObject({
      msg: 'answered',
      entryId: 'what-is-oxytocin',
      level: 30,
      app: 'oxytocin-bot',
    });
  });

  it('never writes the token: redacted fields, messages, errors and pretty output', () => {
    for (const pretty of [false, true]) {
      const { logger, output } = capture(pretty);
      logger.info({ token: TOKEN }, 'field');
      logger.info({ config: { discordToken: TOKEN } }, 'nested');
      logger.info({ headers: { authorization: `Bot ${TOKEN}` } }, 'header');
      logger.info({ req: { headers: { authorization: `Bot ${TOKEN}` } } }, 'request');
      logger.warn(`login failed with ${TOKEN}`);
      logger.error({ err: new Error(`401 for token ${TOKEN}`) }, 'error');
      const text = output();
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(TOKEN.slice(0, 24));
      expect(text).toContain('[redacted]');
      expect(text).toContain('login failed with');
    }
  });
});
