import { describe, expect, it } from 'vitest';
import { runCliScript } from '../helpers/cli.ts';
import { REAL_KB } from '../helpers/kb-fixtures.ts';

describe('npm run demo', () => {
  it('plays the conversation, with a helper answering bob by the reply menu and by for:, breaking no rule', async () => {
    const { code, stdout } = await runCliScript('src/demo/demo.ts', [], { KNOWLEDGE_DIR: REAL_KB });
    expect(code).toBe(0);
    expect(stdout).toContain('"Reply with Oxytocin Bot" (message menu)');
    expect(stdout).toMatch(/Sent as a reply:\s+https:\/\/discord\.com\/channels\/\d+\/\d+\/\d+/);
    expect(stdout).toMatch(
      /↪ replying to bob \(pings bob only: @bob\)\nOxytocin Bot\nSent by @alice\n\| Does oxytocin make people more trusting\?/,
    );
    expect(stdout).toMatch(
      /for: @bob\nOxytocin Bot\n@bob\n> is oxytocin the love hormone\?\nSent by @alice\n/,
    );
    expect(stdout).toContain("Discord's rules: no violation recorded.");
  }, 90_000);
});
