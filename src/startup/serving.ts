import type { Config } from '../config/index.ts';
import { knowledgeCache } from '../knowledge-cache/index.ts';
import type { Logger } from '../logger.ts';
import { type BotMetrics, createMetrics } from '../metrics/index.ts';
import type { KnowledgeHolder } from '../reload/holder.ts';
import { type LiveKnowledge, loadInitialKnowledge, startLiveKnowledge } from '../reload/index.ts';
import { type Recording, startRecording } from '../store/setup.ts';

/** What a serving process (gateway or HTTP endpoint) runs beside the connection it serves. */
export interface Serving {
  knowledge: KnowledgeHolder;
  recording: Recording;
  metrics: BotMetrics;
  live: LiveKnowledge;
}

/**
 * Loads the knowledge (prepared once and cached in DATA_DIR, so a restart with the same knowledge skips
 * parsing, validating and training), opens the store, creates the process's metrics and watches the knowledge folder. Undefined, with
 * every problem logged, when the knowledge base is invalid.
 */
export async function startServing(config: Config, logger: Logger): Promise<Serving | undefined> {
  const cache = knowledgeCache({ dir: config.dataDir, logger });
  const knowledge = await loadInitialKnowledge(config.knowledgeDir, logger, cache);
  if (!knowledge) return undefined;
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  const recording = startRecording(config, logger, { serverSettings: true });
  const metrics = createMetrics({ processMetrics: true });
  const live = startLiveKnowledge({
    dir: config.knowledgeDir,
    holder: knowledge,
    logger,
    onReload: metrics.knowledgeReloaded,
    build: cache.build,
  });
  return { knowledge, recording, metrics, live };
}
