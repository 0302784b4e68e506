import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, type Engine, type TrainedModel } from '../engine/index.ts';
import type { KnowledgeBase, Reference } from '../knowledge/types.ts';
import type { Logger } from '../logger.ts';
import { hashKnowledgeDir } from '../reload/hash.ts';
import type { BuildEngine, LoadedKnowledge } from '../reload/holder.ts';
import { decodeCache, encodeCache, UnusableCache } from './format.ts';

/** Where the prepared knowledge is kept, in DATA_DIR. */
export const CACHE_FILE = 'knowledge-cache.bin';

/** Set by `npm run build` (scripts/build.mjs): a hash of src/engine/ and src/knowledge/ when the bundle was made. */
declare const CODE_FINGERPRINT: string | undefined;

/** What the file holds: the validated knowledge base and the engine built from it, as data. */
interface Prepared {
  kb: Omit<KnowledgeBase, 'references'> & { references: Reference[] };
  engine: TrainedModel;
}

export interface KnowledgeCache {
  /**
   * The knowledge folder ready to serve: restored from the cache when it holds this exact content (the
   * folder's hash) prepared by this code, else loaded, validated, built and stored for the next start.
   * Undefined, with every problem listed on stderr, when the knowledge base is invalid.
   */
  load(dir: string): Promise<LoadedKnowledge | undefined>;
  /** For a reload: the engine for a knowledge base just loaded (`hash`: its content hash), stored for the next start. */
  build: BuildEngine;
}

/**
 * Caches the prepared knowledge (the validated knowledge base, the typo index, the lexical index and the
 * trained model) in `dir` (DATA_DIR), keyed by the knowledge folder's content hash and the code that prepares
 * it, so a restart reads one file instead of parsing ~200 YAML files, analysing every text and training. A
 * missing or stale file only means preparing again; an unreadable or corrupt one is logged once per process,
 * as is a failure to write.
 */
export function knowledgeCache(options: { dir: string; logger: Logger }): KnowledgeCache {
  const { dir, logger } = options;
  const file = join(dir, CACHE_FILE);
  const warned = new Set<string>();
  const warnOnce = (what: string, detail: Record<string, unknown>, message: string) => {
    if (warned.has(what)) return;
    warned.add(what);
    logger.warn({ file, ...detail }, message);
  };

  const stored = async (key: string): Promise<Prepared | undefined> => {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        warnOnce('read', { err: error }, 'knowledge cache unreadable: preparing the knowledge instead');
      return undefined;
    }
    try {
      return decodeCache(bytes, key) as Prepared;
    } catch (error) {
      if (!(error instanceof UnusableCache && error.stale))
        warnOnce('corrupt', { reason: (error as Error).message }, 'knowledge cache ignored: preparing again');
      return undefined;
    }
  };

  const store = async (key: string, kb: KnowledgeBase, engine: Engine & { trained(): TrainedModel }) => {
    try {
      await mkdir(dir, { recursive: true });
      const prepared: Prepared = {
        kb: { ...kb, references: [...kb.references.values()] },
        engine: engine.trained(),
      };
      // Written beside, then renamed: a shard reading at the same moment never sees half a file.
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, encodeCache(key, prepared));
      await rename(temp, file);
    } catch (error) {
      warnOnce(
        'write',
        { err: error },
        'could not store the knowledge cache (the next start prepares again)',
      );
    }
  };

  /** The engine from a stored preparation, or undefined (logged once) when it cannot be restored. */
  const restore = (kb: KnowledgeBase, prepared: Prepared) => {
    try {
      return createEngine(kb, prepared.engine);
    } catch (error) {
      warnOnce('corrupt', { reason: (error as Error).message }, 'knowledge cache ignored: preparing again');
      return undefined;
    }
  };

  return {
    async load(knowledgeDir) {
      const started = performance.now();
      const ms = () => Math.round(performance.now() - started);
      const hash = await hashKnowledgeDir(knowledgeDir);
      const key = `${hash}:${await codeFingerprint()}`;
      const prepared = await stored(key);
      if (prepared) {
        const kb: KnowledgeBase = {
          ...prepared.kb,
          references: new Map(prepared.kb.references.map((r) => [r.key, r])),
        };
        const engine = restore(kb, prepared);
        if (engine) {
          logger.info({ hash, ms: ms() }, 'knowledge restored from the knowledge cache');
          return { kb, engine, hash, loadedAt: new Date() };
        }
      }
      // Loaded on demand: a start from the cache never loads the YAML parser.
      const { loadKnowledgeOrReport } = await import('../cli/load-knowledge.ts');
      const kb = await loadKnowledgeOrReport(knowledgeDir);
      if (!kb) return undefined;
      const engine = createEngine(kb);
      logger.info({ hash, ms: ms() }, 'knowledge prepared (validated, engine trained)');
      await store(key, kb, engine);
      return { kb, engine, hash, loadedAt: new Date() };
    },

    async build(kb, hash) {
      const key = `${hash}:${await codeFingerprint()}`;
      const prepared = await stored(key);
      const engine = (prepared && restore(kb, prepared)) || createEngine(kb);
      if (!prepared) await store(key, kb, engine);
      return engine;
    },
  };
}

let fingerprint: Promise<string> | undefined;

/**
 * Which code prepares the knowledge (the loader and the engine): a change to src/knowledge/ or src/engine/
 * makes stored preparations stale.
 */
function codeFingerprint(): Promise<string> {
  fingerprint ??=
    typeof CODE_FINGERPRINT === 'string'
      ? Promise.resolve(CODE_FINGERPRINT)
      : Promise.all(
          ['../engine/', '../knowledge/'].map((d) =>
            hashKnowledgeDir(fileURLToPath(new URL(d, import.meta.url))),
          ),
        ).then((hashes) => hashes.join('+'));
  return fingerprint;
}
