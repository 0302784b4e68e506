import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.mjs';
import { PRODUCTION_NODE_FLAGS } from '../../src/startup/node-flags.ts';

const outdir = mkdtempSync(join(tmpdir(), 'oxytocin-bundle-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('the production bundle (npm run build)', () => {
  it("keeps discord.js's cache limits, which are looked up by class name", async () => {
    await build({ outdir, entryPoints: { probe: 'tests/fixtures/bundle/client-probe.ts' } });
    const probe = await import(pathToFileURL(join(outdir, 'probe.js')).href);
    expect(probe.MessageManager.name).toBe('MessageManager');
    const client = probe.createClient();
    const messages = client.options.makeCache(probe.MessageManager, Object, probe.MessageManager);
    expect(messages).toBeInstanceOf(probe.LimitedCollection);
    expect(messages.maxSize).toBe(0);
    const users = client.options.makeCache(probe.UserManager, Object, probe.UserManager);
    expect(users.maxSize).toBe(100);
    await client.destroy();
  }, 60_000);

  it('runs with the production Node options everywhere it is started', () => {
    const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>;
    for (const name of ['start', 'start:sharded', 'start:http'])
      expect(scripts[name], name).toContain(`node ${PRODUCTION_NODE_FLAGS.join(' ')} dist/`);
  });

  it('is ASCII only, so V8 keeps each chunk as one byte a character', () => {
    const files = readdirSync(outdir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = readFileSync(join(outdir, file));
      expect(
        bytes.findIndex((b) => b > 0x7f),
        file,
      ).toBe(-1);
    }
  });
});
