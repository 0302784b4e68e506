import { describe, expect, it } from 'vitest';
import { runCliScript } from '../helpers/cli.ts';

interface Command {
  name: string;
  type?: number;
  contexts?: number[];
  default_member_permissions?: string | null;
  dm_permission?: boolean;
  options?: { name: string; type: number; options?: { name: string; type: number; required?: boolean }[] }[];
}

describe('deploy-commands --dry-run', () => {
  it('prints the command set: /oxytocin, /oxytocin-admin (Manage Server, servers only) and both message menus', async () => {
    const { code, stdout } = await runCliScript('src/cli/deploy-commands.ts', ['--dry-run']);
    expect(code).toBe(0);
    const commands = JSON.parse(stdout) as Command[];
    expect(commands.map((c) => [c.name, c.type ?? 1])).toEqual([
      ['oxytocin', 1],
      ['oxytocin-admin', 1],
      ['Ask Oxytocin Bot', 3],
      ['Reply with Oxytocin Bot', 3],
    ]);
    const byName = (name: string) => commands.find((c) => c.name === name);

    // Everyone may use /oxytocin; `for` is an optional user option on ask and topic.
    expect(byName('oxytocin')?.default_member_permissions ?? null).toBeNull();
    const sub = (name: string) => byName('oxytocin')?.options?.find((o) => o.name === name)?.options ?? [];
    for (const name of ['ask', 'topic']) {
      expect(sub(name).find((o) => o.name === 'for')).toMatchObject({ type: 6 });
      expect(sub(name).find((o) => o.name === 'for')?.required).toBeFalsy();
    }

    // Manage Server is 1 << 5; contexts [0] is servers only.
    const admin = byName('oxytocin-admin');
    expect(admin).toMatchObject({ default_member_permissions: '32', dm_permission: false, contexts: [0] });
    expect(admin?.options?.map((o) => o.name)).toEqual([
      'settings',
      'channels',
      'private-default',
      'recording',
      'cooldown',
      'report',
      'reload',
    ]);
    expect(admin?.options?.find((o) => o.name === 'channels')?.options?.map((o) => o.name)).toEqual([
      'add',
      'remove',
      'list',
    ]);

    // A public reply only makes sense in a server channel.
    expect(byName('Reply with Oxytocin Bot')?.contexts).toEqual([0]);
  });
});
