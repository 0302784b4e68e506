import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, type Engine } from '../engine/index.ts';
import type { KnowledgeBase } from '../knowledge/types.ts';
import type { Logger } from '../logger.ts';
import { hashKnowledgeDir } from '../reload/hash.ts';
import { decodeModel, encodeModel, UnusableModel } from './format.ts';

/** Where the trained model is kept, in DATA_DIR. */
export const MODEL_FILE = 'engine-model.bin';

/** Set by `npm run build` (scripts/build.mjs): a hash of src/engine/ when the bundle was made. */
declare const ENGINE_FINGERPRINT: string | undefined;

export interface ModelCache {
  /**
   * The engine for this knowledge (`hash`: its content hash): built from the stored model when that was
   * trained for the same knowledge and engine code, else trained and the model stored for next time.
   */
  build(kb: KnowledgeBase, hash: string): Promise<Engine>;
}

/**
 * Caches the engine's trained model in `dir` (DATA_DIR), keyed by the knowledge's content hash and the engine
 * code, so a restart skips training. A missing, stale, unreadable or corrupt file only means training again:
 * the last two are logged once per process, as is a failure to write.
 */
export function modelCache(options: { dir: string; logger: Logger }): ModelCache {
  const { dir, logger } = options;
  const file = join(dir, MODEL_FILE);
  const warned = new Set<string>();
  const warnOnce = (what: string, detail: Record<string, unknown>, message: string) => {
    if (warned.has(what)) return;
    warned.add(what);
    logger.warn({ file, ...detail }, message);
  };

  const stored = async (key: string) => {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        warnOnce('read', { err: error }, 'stored engine model unreadable: training instead');
      return undefined;
    }
    try {
      return decodeModel(bytes, key);
    } catch (error) {
      if (!(error instanceof UnusableModel && error.stale))
        warnOnce(
          'corrupt',
          { reason: (error as Error).message },
          'stored engine model ignored: training instead',
        );
      return undefined;
    }
  };

  const store = async (key: string, engine: ReturnType<typeof createEngine>) => {
    try {
      await mkdir(dir, { recursive: true });
      // Written beside, then renamed: a shard reading at the same moment never sees half a file.
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, encodeModel(key, engine.trained()));
      await rename(temp, file);
    } catch (error) {
      warnOnce('write', { err: error }, 'could not store the engine model (the next start trains again)');
    }
  };

  return {
    async build(kb, hash) {
      const key = `${hash}:${await engineFingerprint()}`;
      const model = await stored(key);
      const started = performance.now();
      const ms = () => Math.round(performance.now() - started);
      if (model) {
        try {
          const engine = createEngine(kb, model);
          logger.info({ hash, buildMs: ms() }, 'engine built from the stored model');
          return engine;
        } catch (error) {
          warnOnce(
            'corrupt',
            { reason: (error as Error).message },
            'stored engine model ignored: training instead',
          );
        }
      }
      const engine = createEngine(kb);
      logger.info({ hash, buildMs: ms() }, 'engine trained');
      await store(key, engine);
      return engine;
    },
  };
}

let fingerprint: Promise<string> | undefined;

/** Which engine code trains the model: a change to src/engine/ makes stored models stale. */
function engineFingerprint(): Promise<string> {
  fingerprint ??=
    typeof ENGINE_FINGERPRINT === 'string'
      ? Promise.resolve(ENGINE_FINGERPRINT)
      : hashKnowledgeDir(fileURLToPath(new URL('../engine/', import.meta.url)));
  return fingerprint;
}
