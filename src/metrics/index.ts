export {
  type BotMetrics,
  createMetrics,
  type FeedbackVerdict,
  type GatewayStatus,
  type HandlerKind,
  type InteractionKind,
  type MetricsSources,
} from './bot-metrics.ts';
export { interactionKind, timeReplies } from './reply-timer.ts';
export { METRICS_PATH, serveMetrics } from './serve.ts';
