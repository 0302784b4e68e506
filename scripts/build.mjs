// `npm run build`: bundles the three serving entry points to dist/ with esbuild (plain JavaScript, source
// maps), so the running bot needs plain `node`, not tsx. Dependencies stay in node_modules (external): libsql
// is native, and discord.js loads optional packages by name.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Entry point -> output file under dist/ (`npm start`, `npm run start:sharded`, `npm run start:http`). */
export const ENTRY_POINTS = { main: 'src/main.ts', sharded: 'src/sharded.ts', http: 'src/http/main.ts' };

/** What the bundle is made of: a change under these makes dist/ stale. */
const SOURCES = ['src', 'commands', 'package.json', 'package-lock.json'];
/** Written last, so a build that failed half-way still reads as stale. */
const STAMP = '.built';

/** Bundles into `outdir` (default dist/). Resolves to how long it took, in ms. */
export async function build({ outdir = join(ROOT, 'dist') } = {}) {
  const started = performance.now();
  const esbuild = await import('esbuild');
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ENTRY_POINTS,
    outdir,
    bundle: true,
    // One shared chunk instead of the bot's code three times: the shard manager loads none of the engine.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    // Stack traces name src/ files and lines; the source text itself stays out of the maps (less to load).
    sourcesContent: false,
    outExtension: { '.js': '.js' },
    chunkNames: 'chunks/[name]-[hash]',
    // The model cache (src/model-cache/) keys stored models by the engine code that trained them.
    define: { ENGINE_FINGERPRINT: JSON.stringify(engineFingerprint()) },
    logLevel: 'warning',
  });
  writeFileSync(join(outdir, STAMP), `${new Date().toISOString()}\n`);
  return performance.now() - started;
}

/** A hash of src/engine/ (names and bytes). */
function engineFingerprint() {
  const dir = join(ROOT, 'src/engine');
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort())
    hash
      .update(name)
      .update('\0')
      .update(readFileSync(join(dir, name)));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Why dist/ cannot be run as it is (missing, or older than a source file), or undefined when it is up to date.
 */
export function staleReason({ root = ROOT, outdir = join(root, 'dist') } = {}) {
  let built;
  try {
    built = statSync(join(outdir, STAMP)).mtimeMs;
  } catch {
    return `${relative(root, outdir) || outdir}/ has not been built`;
  }
  for (const source of SOURCES) {
    const newer = newerThan(join(root, source), built);
    if (newer) return `${relative(root, newer)} changed after the last build`;
  }
  return undefined;
}

function newerThan(path, time) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return undefined;
  }
  if (stat.isDirectory()) {
    for (const name of readdirSync(path)) {
      const found = newerThan(join(path, name), time);
      if (found) return found;
    }
    return undefined;
  }
  return stat.mtimeMs > time ? path : undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ms = await build();
  console.log(`built dist/ in ${Math.round(ms)} ms`);
}
