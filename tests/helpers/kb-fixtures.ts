import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const VALID_KB = join(import.meta.dirname, '../fixtures/kb/valid');
export const REAL_KB = join(import.meta.dirname, '../../knowledge');

/** A temporary knowledge directory: the valid fixture with one broken fixture's files laid over it. */
export function brokenKb(rule: string): string {
  const dir = mkdtempSync(join(tmpdir(), `kb-${rule}-`));
  cpSync(VALID_KB, dir, { recursive: true });
  cpSync(join(import.meta.dirname, '../fixtures/kb-broken', rule), dir, { recursive: true });
  return dir;
}
