import { describe, expect, it } from 'vitest';
import { runCliScript } from '../helpers/cli.ts';

describe('deploy-commands --dry-run', () => {
  it('prints the command set: /oxytocin with for on ask and topic, and both message menus', async () => {
    const { code, stdout } = await runCliScript('src/cli/deploy-commands.ts', ['--dry-run']);
    expect(code).toBe(0);
    const commands = JSON.parse(stdout) as {
      name: string;
      type?: number;
      contexts?: number[];
      options?: { name: string; options?: { name: string; type: number; required?: boolean }[] }[];
    }[];
    expect(commands.map((c) => [c.name, c.type ?? 1])).toEqual([
      ['oxytocin', 1],
      ['Ask Oxytocin Bot', 3],
      ['Reply with Oxytocin Bot', 3],
    ]);
    // A public reply only makes sense in a server channel.
    expect(commands[2]?.contexts).toEqual([0]);
    const sub = (name: string) => commands[0]?.options?.find((o) => o.name === name)?.options ?? [];
    for (const name of ['ask', 'topic']) {
      expect(sub(name).find((o) => o.name === 'for')).toMatchObject({ type: 6 });
      expect(sub(name).find((o) => o.name === 'for')?.required).toBeFalsy();
    }
  });
});
