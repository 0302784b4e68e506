import type { Logger } from '../logger.ts';
import type { BuildEngine, KnowledgeHolder } from './holder.ts';
import { createReloader, type Reloader, type ReloadOutcome } from './reloader.ts';
import { watchKnowledge } from './watch.ts';

export { hashKnowledgeDir } from './hash.ts';
export {
  type BuildEngine,
  type KnowledgeHolder,
  knowledgeHolder,
  knowledgeStatus,
  type LoadedKnowledge,
} from './holder.ts';
export { createReloader, type Reloader, type ReloadOutcome } from './reloader.ts';

export interface LiveKnowledge {
  reloader: Reloader;
  stop(): void;
}

/**
 * What every serving process runs: reload on a change under the knowledge directory (debounced) and on
 * SIGHUP. The holder is what the bot's context reads.
 */
export function startLiveKnowledge(options: {
  dir: string;
  holder: KnowledgeHolder;
  logger: Logger;
  debounceMs?: number;
  sighup?: boolean;
  /** Told the outcome of every reload (metrics). */
  onReload?: (outcome: ReloadOutcome) => void;
  /** Default: train a new engine. */
  build?: BuildEngine;
}): LiveKnowledge {
  const { dir, holder, logger } = options;
  const reloader = createReloader({ dir, holder, logger, build: options.build, onOutcome: options.onReload });
  const stopWatching = watchKnowledge(dir, () => void reloader.reload('file change'), logger, {
    debounceMs: options.debounceMs,
  });
  const onHup = () => {
    logger.info('SIGHUP: reloading the knowledge base');
    void reloader.reload('SIGHUP');
  };
  if (options.sighup !== false) process.on('SIGHUP', onHup);
  logger.info({ dir, hash: holder.current.hash }, 'watching the knowledge base for changes');
  return {
    reloader,
    stop() {
      stopWatching();
      process.off('SIGHUP', onHup);
    },
  };
}
export { loadInitialKnowledge } from './initial.ts';
