import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AskStatus } from '../engine/types.ts';
import type { KnowledgeHolder } from '../reload/holder.ts';
import type { ReloadOutcome } from '../reload/reloader.ts';
import type { Recorder, RecorderStats } from '../store/recorder.ts';
import { type PickMenu, QUESTION_SOURCES, type QuestionSource } from '../store/types.ts';

/** How an interaction arrived, for the reply-latency histogram and failure counts: a small, fixed set. */
export const INTERACTION_KINDS = ['command', 'autocomplete', 'component', 'modal'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];
/** What a handler failure was handling: an interaction, or a message (mention, DM, question channel). */
export type HandlerKind = InteractionKind | 'message';

const ASK_STATUSES: readonly AskStatus[] = ['answered', 'suggestions', 'no_match'];
const RELOAD_RESULTS: readonly ReloadOutcome[] = ['reloaded', 'unchanged', 'refused'];
const PICK_MENUS: readonly PickMenu[] = ['did-you-mean', 'related'];
export type FeedbackVerdict = 'helpful' | 'not_helpful';
const VERDICTS: readonly FeedbackVerdict[] = ['helpful', 'not_helpful'];

/**
 * Reply latency buckets (seconds) around a 1 s target: fine below 100 ms where a healthy bot lives, then
 * enough around 1 s for `histogram_quantile(0.99, ...)` to say which side of it the p99 is, up to Discord's
 * 3 s deadline.
 */
export const REPLY_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5];
/** Confidence buckets, with the engine's decision thresholds (0.7, 0.75, 0.85) as edges. */
export const CONFIDENCE_BUCKETS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1];

/** What the gauges read at scrape time, so nothing is kept up to date on the hot path. */
export interface MetricsSources {
  knowledge?: KnowledgeHolder;
  recorder?: Recorder;
  gateway?: GatewayStatus;
}

/** The gateway connection as the metrics see it (gateway mode only). */
export interface GatewayStatus {
  /** Each shard's last heartbeat round trip in ms; negative or NaN before the first one. */
  shardPings(): Iterable<[shardId: number, pingMs: number]>;
  guilds(): number;
}

/** What the adapters call. Every method is a counter or histogram update: no I/O, no allocation to speak of. */
export interface BotMetrics {
  readonly registry: Registry;
  /** A question the bot answered (any status), from any entry point. */
  questionAnswered(source: QuestionSource, status: AskStatus, confidence: number): void;
  /** Time from receiving an interaction to Discord accepting its reply. */
  replyAccepted(kind: InteractionKind, seconds: number): void;
  handlerFailed(kind: HandlerKind): void;
  feedbackGiven(verdict: FeedbackVerdict): void;
  picked(menu: PickMenu): void;
  knowledgeReloaded(result: ReloadOutcome): void;
  /** Adds sources for the gauges (later calls add to or replace earlier ones). */
  watch(sources: MetricsSources): void;
  /** The Prometheus text exposition format. */
  scrape(): Promise<string>;
  readonly contentType: string;
}

export interface MetricsOptions {
  /**
   * prom-client's default process and Node.js metrics (CPU, memory, event loop lag, GC). They start an event
   * loop monitor and a GC observer that live as long as the process: one per process, not one per bot.
   */
  processMetrics?: boolean;
}

/** One registry with the bot's metrics. Create it once per process and pass it in; there is no global. */
export function createMetrics(options: MetricsOptions = {}): BotMetrics {
  const registry = new Registry();
  const registers = [registry];
  if (options.processMetrics) collectDefaultMetrics({ register: registry });

  const questions = new Counter({
    name: 'oxytocin_questions_total',
    help: 'Questions the bot answered, by where they came from and what the engine decided.',
    labelNames: ['source', 'status'] as const,
    registers,
  });
  const confidence = new Histogram({
    name: 'oxytocin_answer_confidence',
    help: "The engine's confidence (0-1) that its answer or top suggestion is what was asked, by status.",
    labelNames: ['status'] as const,
    buckets: CONFIDENCE_BUCKETS,
    registers,
  });
  const replySeconds = new Histogram({
    name: 'oxytocin_interaction_reply_seconds',
    help: 'Seconds from receiving an interaction to Discord accepting its reply.',
    labelNames: ['kind'] as const,
    buckets: REPLY_SECONDS_BUCKETS,
    registers,
  });
  const failures = new Counter({
    name: 'oxytocin_handler_failures_total',
    help: 'Interactions and messages whose handling failed (the user was told where possible).',
    labelNames: ['kind'] as const,
    registers,
  });
  const feedback = new Counter({
    name: 'oxytocin_feedback_total',
    help: 'Helpful / Not helpful clicks on answers.',
    labelNames: ['verdict'] as const,
    registers,
  });
  const picks = new Counter({
    name: 'oxytocin_picks_total',
    help: 'Entries picked from a "did you mean" or Related questions menu.',
    labelNames: ['menu'] as const,
    registers,
  });
  const reloads = new Counter({
    name: 'oxytocin_knowledge_reloads_total',
    help: 'Knowledge reloads by result: reloaded, unchanged, or refused (the last good knowledge kept).',
    labelNames: ['result'] as const,
    registers,
  });
  // The families below read a source at scrape time. Each is registered when its source is first watched, so
  // a process without a gateway (HTTP mode) shows no guilds or ping rather than a misleading 0.
  const registerKnowledge = (knowledge: () => KnowledgeHolder) => {
    new Gauge({
      name: 'oxytocin_knowledge_entries',
      help: 'Entries in the knowledge base being served.',
      registers,
      collect() {
        this.set(knowledge().current.kb.entries.length);
      },
    });
    new Gauge({
      name: 'oxytocin_knowledge_loaded_timestamp_seconds',
      help: 'When the knowledge being served was loaded (Unix time).',
      registers,
      collect() {
        this.set(knowledge().current.loadedAt.getTime() / 1000);
      },
    });
  };
  const registerStore = (recorder: () => Recorder) => {
    // The recorder keeps running totals; these mirror them at scrape time (they only ever grow).
    const total = (name: string, help: string, read: (stats: RecorderStats) => number) =>
      new Counter({
        name,
        help,
        registers,
        collect() {
          this.reset();
          this.inc(read(recorder().stats()));
        },
      });
    total(
      'oxytocin_store_write_failures_total',
      'Batch writes to the question store that failed (the batch is kept and retried).',
      (stats) => stats.failures,
    );
    total(
      'oxytocin_store_records_dropped_total',
      'Records (questions, feedback, picks) dropped because the queue was full or the process stopped.',
      (stats) => stats.dropped,
    );
    total(
      'oxytocin_store_records_written_total',
      'Records written to the question store.',
      (stats) => stats.written,
    );
    new Gauge({
      name: 'oxytocin_store_records_pending',
      help: 'Records queued for the question store.',
      registers,
      collect() {
        this.set(recorder().stats().pending);
      },
    });
  };
  const registerGateway = (gateway: () => GatewayStatus) => {
    new Gauge({
      name: 'oxytocin_gateway_ping_seconds',
      help: "Each gateway shard's last heartbeat round trip, in seconds (absent before the first).",
      labelNames: ['shard'] as const,
      registers,
      collect() {
        this.reset();
        for (const [shard, ms] of gateway().shardPings()) {
          if (Number.isFinite(ms) && ms >= 0) this.set({ shard: String(shard) }, ms / 1000);
        }
      },
    });
    new Gauge({
      name: 'oxytocin_guilds',
      help: 'Servers (guilds) this process serves.',
      registers,
      collect() {
        this.set(gateway().guilds());
      },
    });
  };
  const sources: MetricsSources = {};

  // Every series exists from the start at 0, so rate() and the alerts work from the first scrape.
  for (const source of QUESTION_SOURCES)
    for (const status of ASK_STATUSES) questions.inc({ source, status }, 0);
  for (const status of ASK_STATUSES) confidence.zero({ status });
  for (const kind of INTERACTION_KINDS) {
    replySeconds.zero({ kind });
    failures.inc({ kind }, 0);
  }
  failures.inc({ kind: 'message' }, 0);
  for (const verdict of VERDICTS) feedback.inc({ verdict }, 0);
  for (const menu of PICK_MENUS) picks.inc({ menu }, 0);
  for (const result of RELOAD_RESULTS) reloads.inc({ result }, 0);

  return {
    registry,
    contentType: registry.contentType,
    questionAnswered(source, status, value) {
      questions.inc({ source, status });
      confidence.observe({ status }, value);
    },
    replyAccepted: (kind, seconds) => replySeconds.observe({ kind }, seconds),
    handlerFailed: (kind) => failures.inc({ kind }),
    feedbackGiven: (verdict) => feedback.inc({ verdict }),
    picked: (menu) => picks.inc({ menu }),
    knowledgeReloaded: (result) => reloads.inc({ result }),
    watch(more) {
      // Registered once; they read `sources` at scrape time, so a later source replaces an earlier one.
      if (more.knowledge && !sources.knowledge) registerKnowledge(() => sources.knowledge as KnowledgeHolder);
      if (more.recorder && !sources.recorder) registerStore(() => sources.recorder as Recorder);
      if (more.gateway && !sources.gateway) registerGateway(() => sources.gateway as GatewayStatus);
      Object.assign(sources, more);
    },
    scrape: () => registry.metrics(),
  };
}
