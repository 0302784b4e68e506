import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/**
 * A short content hash of every file under the knowledge directory (paths and bytes, in sorted order), so two
 * replicas serving the same knowledge report the same value whatever the files' times.
 */
export async function hashKnowledgeDir(dir: string): Promise<string> {
  const files = (await listFiles(dir))
    .map((file) => ({ file, path: relative(dir, file).split(sep).join('/') }))
    // Editor swap files, .git
    .filter(({ path }) => !path.split('/').some((part) => part.startsWith('.')))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  // Read at once, hashed in order.
  const contents = await Promise.all(files.map(({ file }) => readFile(file)));
  const hash = createHash('sha256');
  files.forEach(({ path }, i) => {
    hash
      .update(path)
      .update('\0')
      .update(contents[i] as Buffer)
      .update('\0');
  });
  return hash.digest('hex').slice(0, 16);
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const d of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, d.name);
    if (d.isDirectory()) out.push(...(await listFiles(path)));
    else if (d.isFile()) out.push(path);
  }
  return out;
}
