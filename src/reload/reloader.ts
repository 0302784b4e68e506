import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { createEngine } from '../engine/index.ts';
import { formatProblem } from '../knowledge/problems.ts';
import type { Logger } from '../logger.ts';
import { hashKnowledgeDir } from './hash.ts';
import type { BuildEngine, KnowledgeHolder } from './holder.ts';

export type ReloadOutcome = 'reloaded' | 'unchanged' | 'refused';

export interface Reloader {
  /** Loads, validates and builds, then swaps; never throws. Calls while one runs are coalesced into one more. */
  reload(reason: string): Promise<ReloadOutcome>;
  /**
   * Why the last reload was refused (`path:line: field: message` each, the path inside the knowledge
   * directory); empty after one that was not.
   */
  problems(): readonly string[];
}

/**
 * Reloads the knowledge directory into the holder. A change that fails validation is refused: the last good
 * knowledge keeps serving and every problem is logged as `path:line: field: message`. Loading is
 * asynchronous; building the engine is synchronous CPU work (about 0.2 s for the real knowledge base), done
 * after yielding to the event loop so replies already due go out first.
 */
export function createReloader(options: {
  dir: string;
  holder: KnowledgeHolder;
  logger: Logger;
  build?: BuildEngine;
  /** Told the outcome of every reload pass (metrics). */
  onOutcome?: (outcome: ReloadOutcome) => void;
}): Reloader {
  const { dir, holder, logger, build = (kb) => createEngine(kb), onOutcome } = options;
  let running: Promise<ReloadOutcome> | undefined;
  let again: { reason: string; done: Promise<ReloadOutcome> } | undefined;
  let lastProblems: string[] = [];

  const once = async (reason: string): Promise<ReloadOutcome> => {
    lastProblems = [];
    try {
      const hash = await hashKnowledgeDir(dir);
      if (hash === holder.current.hash) {
        logger.debug({ reason, hash }, 'knowledge unchanged');
        return 'unchanged';
      }
      const loadStarted = performance.now();
      // Loaded on demand: a bot that started from the knowledge cache has not needed the YAML parser so far.
      const { loadKnowledgeBase } = await import('../knowledge/load.ts');
      const { kb, problems, warnings } = await loadKnowledgeBase(dir);
      const loadMs = Math.round(performance.now() - loadStarted);
      const base = dir.replace(/\/$/, '');
      for (const line of warnings.map((w) => `${base}/${formatProblem(w)}`))
        logger.warn({ warning: line }, line);
      if (!kb) {
        lastProblems = problems.map(formatProblem);
        for (const p of lastProblems) logger.warn({ problem: `${base}/${p}` }, `${base}/${p}`);
        logger.error(
          { reason, problems: problems.length, keeping: holder.current.hash },
          'knowledge reload refused: keeping the last good knowledge',
        );
        return 'refused';
      }
      await yieldToEventLoop();
      const started = performance.now();
      const engine = await build(kb, hash);
      const buildMs = Math.round(performance.now() - started);
      holder.swap({ kb, engine, hash, loadedAt: new Date() });
      logger.info({ reason, entries: kb.entries.length, loadMs, buildMs, hash }, 'knowledge reloaded');
      return 'reloaded';
    } catch (error) {
      logger.error({ err: error, reason }, 'knowledge reload failed: keeping the last good knowledge');
      lastProblems = [error instanceof Error ? error.message : String(error)];
      return 'refused';
    }
  };

  const counted = async (reason: string): Promise<ReloadOutcome> => {
    const outcome = await once(reason);
    onOutcome?.(outcome);
    return outcome;
  };

  const reload = (reason: string): Promise<ReloadOutcome> => {
    if (!running) {
      running = counted(reason).finally(() => {
        running = undefined;
      });
      return running;
    }
    // One more pass after the current one sees every change made meanwhile.
    if (!again) {
      const after = running.then(() => {
        again = undefined;
        return reload(reason);
      });
      again = { reason, done: after };
    }
    return again.done;
  };
  return { reload, problems: () => lastProblems };
}
