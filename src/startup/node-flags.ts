/**
 * The Node options the bot runs with in production (`npm start`, `start:sharded`, `start:http`, each shard
 * process, `npm run bench:e2e`). `--optimize-for-size` makes V8 collect more eagerly and grow the heap less:
 * measured with `npm run bench:e2e`, RSS after 8,000 interactions 180 -> 105 MB at an unchanged ack p99, where
 * `--max-semi-space-size=1` (used before) kept RSS low at rest but promoted each interaction's short-lived
 * objects to the old generation, which then grew to ~90 MB between collections.
 */
export const PRODUCTION_NODE_FLAGS = ['--optimize-for-size'] as const;
