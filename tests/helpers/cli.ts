import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { VALID_KB } from './kb-fixtures.ts';

export const ROOT = join(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

/** Runs a CLI entry point as a user would, with a clean environment (no .env value leaks in). */
export async function runCliScript(
  script: string,
  args: string[],
  env: Record<string, string> = {},
  stdin = '',
) {
  const child = spawn(TSX, [join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', KNOWLEDGE_DIR: VALID_KB, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.end(stdin);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}
