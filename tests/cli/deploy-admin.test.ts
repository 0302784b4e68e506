import { describe, expect, it } from 'vitest';
import { runCliScript } from '../helpers/cli.ts';

describe('deploy-commands --dry-run', () => {
  it('shows both top-level commands and the message menu, /oxytocin-admin for Manage Server in servers only', async () => {
    const { code, stdout } = await runCliScript('src/cli/deploy-commands.ts', ['--dry-run']);
    expect(code).toBe(0);
    const commands = JSON.parse(stdout) as Record<string, unknown>[];
    expect(commands.map((c) => c.name)).toEqual(['oxytocin', 'oxytocin-admin', 'Ask Oxytocin Bot']);
    const admin = commands.find((c) => c.name === 'oxytocin-admin');
    // Manage Server is 1 << 5; contexts [0] is guilds only.
    expect(admin).toMatchObject({ default_member_permissions: '32', dm_permission: false, contexts: [0] });
    const options = (admin?.options ?? []) as { name: string; type: number; options?: { name: string }[] }[];
    expect(options.map((o) => o.name)).toEqual([
      'settings',
      'channels',
      'private-default',
      'recording',
      'cooldown',
      'report',
      'reload',
    ]);
    expect(options.find((o) => o.name === 'channels')?.options?.map((o) => o.name)).toEqual([
      'add',
      'remove',
      'list',
    ]);
    // Everyone may use /oxytocin.
    expect(commands.find((c) => c.name === 'oxytocin')?.default_member_permissions ?? null).toBeNull();
  });
});
