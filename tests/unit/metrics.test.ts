import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/types.ts';
import type { KnowledgeBase } from '../../src/knowledge/types.ts';
import { createMetrics } from '../../src/metrics/index.ts';
import { knowledgeHolder } from '../../src/reload/holder.ts';
import { createRecorder, NO_RECORDER } from '../../src/store/recorder.ts';
import type { QuestionRecord, Store } from '../../src/store/types.ts';
import { captureLogs } from '../helpers/log-capture.ts';
import { parsePrometheusText, samplesNamed, sampleValue } from '../helpers/prometheus-text.ts';

const question = (text: string): QuestionRecord => ({
  at: new Date(),
  source: 'slash',
  guildId: '1',
  question: text,
  status: 'no_match',
  topEntryId: null,
  confidence: 0.2,
  suggestionIds: [],
});

/** A store whose database is away: every write fails. */
const downStore = (): Store =>
  ({
    dialect: 'sqlite',
    location: 'nowhere',
    insert: async () => {
      throw new Error('database is locked');
    },
    close: async () => undefined,
  }) as unknown as Store;

describe('the strict Prometheus text parser (test helper)', () => {
  const good = [
    '# HELP a_total Things, with a \\\\ backslash and a \\n newline.',
    '# TYPE a_total counter',
    'a_total{kind="x",text="quote \\" back \\\\ nl \\n"} 3',
    'a_total{kind="y"} 0 1700000000000',
    '',
    '# TYPE h histogram',
    'h_bucket{le="0.5"} 1',
    'h_bucket{le="+Inf"} 2',
    'h_sum 0.9',
    'h_count 2',
    '# a plain comment',
    'g 1.5e-3',
    '',
  ].join('\n');

  it('reads HELP, TYPE, labels with escapes, timestamps and histograms', () => {
    const parsed = parsePrometheusText(good);
    expect(parsed.get('a_total')).toMatchObject({
      type: 'counter',
      help: 'Things, with a \\ backslash and a \n newline.',
    });
    expect(sampleValue(parsed, 'a_total', { kind: 'x', text: 'quote " back \\ nl \n' })).toBe(3);
    expect(sampleValue(parsed, 'h_count')).toBe(2);
    expect(sampleValue(parsed, 'g')).toBe(0.0015);
    expect(parsed.get('g')?.type).toBe('untyped');
  });

  it.each([
    ['no final newline', 'a 1'],
    ['a bad metric name', '1a 1\n'],
    ['a bad value', 'a one\n'],
    ['two decimal points', 'a 1.2.3\n'],
    ['a value with a unit', 'a 12ms\n'],
    ['an unquoted label value', 'a{b=c} 1\n'],
    ['an unknown escape', 'a{b="\\t"} 1\n'],
    ['a label twice', 'a{b="1",b="2"} 1\n'],
    ['a malformed TYPE', '# TYPE a countr\na 1\n'],
    ['a TYPE after samples', 'a 1\n# TYPE a gauge\n'],
    ['a duplicate sample', 'a{b="1"} 1\na{b="1"} 2\n'],
    ['a family split up', '# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na{x="2"} 2\n'],
    ['a negative counter', '# TYPE a_total counter\na_total -1\n'],
    [
      'a foreign sample in a histogram',
      '# TYPE h histogram\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\nh 1\n',
    ],
    [
      'buckets going down',
      '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n',
    ],
    ['+Inf disagreeing with _count', '# TYPE h histogram\nh_bucket{le="+Inf"} 2\nh_sum 1\nh_count 1\n'],
    ['no +Inf bucket', '# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 1\nh_count 1\n'],
  ])('rejects %s', (_, text) => {
    expect(() => parsePrometheusText(text)).toThrow();
  });
});

describe('createMetrics', () => {
  it('exposes every bot metric, with its series at 0, plus the process metrics when asked', async () => {
    const metrics = createMetrics({ processMetrics: true });
    // What the gauges read appears once watched: a process without a gateway reports no guilds, not 0.
    const unwatched = parsePrometheusText(await metrics.scrape());
    for (const name of [
      'oxytocin_guilds',
      'oxytocin_knowledge_entries',
      'oxytocin_store_write_failures_total',
    ]) {
      expect(unwatched.has(name), name).toBe(false);
    }
    const kb = { entries: [{ id: 'a' }, { id: 'b' }] } as unknown as KnowledgeBase;
    const loadedAt = new Date('2026-11-30T12:00:00Z');
    metrics.watch({
      knowledge: knowledgeHolder({ kb, engine: {} as Engine, hash: 'h', loadedAt }),
      recorder: NO_RECORDER,
      gateway: { shardPings: () => [], guilds: () => 3 },
    });
    const parsed = parsePrometheusText(await metrics.scrape());
    expect(metrics.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const [name, type] of [
      ['oxytocin_questions_total', 'counter'],
      ['oxytocin_answer_confidence', 'histogram'],
      ['oxytocin_interaction_reply_seconds', 'histogram'],
      ['oxytocin_handler_failures_total', 'counter'],
      ['oxytocin_feedback_total', 'counter'],
      ['oxytocin_picks_total', 'counter'],
      ['oxytocin_knowledge_reloads_total', 'counter'],
      ['oxytocin_knowledge_entries', 'gauge'],
      ['oxytocin_store_write_failures_total', 'counter'],
      ['oxytocin_store_records_dropped_total', 'counter'],
      ['oxytocin_gateway_ping_seconds', 'gauge'],
      ['oxytocin_guilds', 'gauge'],
      ['process_cpu_seconds_total', 'counter'],
      ['process_resident_memory_bytes', 'gauge'],
      ['nodejs_eventloop_lag_seconds', 'gauge'],
    ] as const) {
      expect(parsed.get(name)?.type, name).toBe(type);
    }
    expect(samplesNamed(parsed, 'oxytocin_questions_total')).toHaveLength(6 * 3);
    expect(sampleValue(parsed, 'oxytocin_questions_total', { source: 'dm', status: 'no_match' })).toBe(0);
    expect(sampleValue(parsed, 'oxytocin_interaction_reply_seconds_count', { kind: 'command' })).toBe(0);
    expect(sampleValue(parsed, 'oxytocin_knowledge_entries')).toBe(2);
    expect(sampleValue(parsed, 'oxytocin_knowledge_loaded_timestamp_seconds')).toBe(
      loadedAt.getTime() / 1000,
    );
    expect(sampleValue(parsed, 'oxytocin_guilds')).toBe(3);
    // No heartbeat yet: no made-up ping.
    expect(samplesNamed(parsed, 'oxytocin_gateway_ping_seconds')).toEqual([]);
  });

  it('two registries in one process are independent (several bots in one test process)', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.questionAnswered('slash', 'answered', 0.9);
    const value = async (m: typeof a) =>
      sampleValue(parsePrometheusText(await m.scrape()), 'oxytocin_questions_total', {
        source: 'slash',
        status: 'answered',
      });
    expect(await value(a)).toBe(1);
    expect(await value(b)).toBe(0);
  });

  it('puts reply times in the buckets around the 1 s target', async () => {
    const metrics = createMetrics();
    for (const seconds of [0.004, 0.3, 0.9, 1.2, 4]) metrics.replyAccepted('command', seconds);
    const parsed = parsePrometheusText(await metrics.scrape());
    const bucket = (le: string) =>
      sampleValue(parsed, 'oxytocin_interaction_reply_seconds_bucket', { kind: 'command', le });
    expect([bucket('0.005'), bucket('0.5'), bucket('1'), bucket('1.5'), bucket('+Inf')]).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(sampleValue(parsed, 'oxytocin_interaction_reply_seconds_sum', { kind: 'command' })).toBeCloseTo(
      6.404,
    );
  });

  it('mirrors the recorder: failed writes and dropped records', async () => {
    const { logger } = captureLogs();
    const recorder = createRecorder({ store: downStore(), logger, flushMs: 60_000, maxQueue: 2 });
    const metrics = createMetrics();
    metrics.watch({ recorder });
    for (const text of ['a', 'b', 'c', 'd', 'e']) recorder.question(question(text));
    await recorder.flush();
    await recorder.flush();
    const parsed = parsePrometheusText(await metrics.scrape());
    expect(sampleValue(parsed, 'oxytocin_store_write_failures_total')).toBe(2);
    expect(sampleValue(parsed, 'oxytocin_store_records_dropped_total')).toBe(3);
    expect(sampleValue(parsed, 'oxytocin_store_records_pending')).toBe(2);
    expect(sampleValue(parsed, 'oxytocin_store_records_written_total')).toBe(0);
    await recorder.close(10);
  });

  it('reads the gateway at scrape time: ping per shard in seconds once known, and guilds', async () => {
    const metrics = createMetrics();
    let pings: [number, number][] = [
      [0, -1],
      [1, Number.NaN],
    ];
    metrics.watch({ gateway: { shardPings: () => pings, guilds: () => 7 } });
    let parsed = parsePrometheusText(await metrics.scrape());
    expect(samplesNamed(parsed, 'oxytocin_gateway_ping_seconds')).toEqual([]);
    expect(sampleValue(parsed, 'oxytocin_guilds')).toBe(7);
    pings = [
      [0, 42],
      [1, 120],
    ];
    parsed = parsePrometheusText(await metrics.scrape());
    expect(sampleValue(parsed, 'oxytocin_gateway_ping_seconds', { shard: '0' })).toBe(0.042);
    expect(sampleValue(parsed, 'oxytocin_gateway_ping_seconds', { shard: '1' })).toBe(0.12);
  });

  it("the README's Monitoring section (metric list, alert rules) names only metrics that exist, and all of them", async () => {
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('## Monitoring'),
      readme.indexOf('\n## ', readme.indexOf('## Monitoring') + 1),
    );
    const named = new Set(section.match(/oxytocin_[a-z_]+/g));
    const metrics = createMetrics();
    metrics.watch({
      knowledge: knowledgeHolder({
        kb: { entries: [] } as unknown as KnowledgeBase,
        engine: {} as Engine,
        hash: '',
        loadedAt: new Date(),
      }),
      recorder: NO_RECORDER,
      gateway: { shardPings: () => [[0, 40]], guilds: () => 1 },
    });
    const parsed = parsePrometheusText(await metrics.scrape());
    const exposed = new Set([...parsed.values()].flatMap((f) => [f.name, ...f.samples.map((x) => x.name)]));
    expect([...named].filter((name) => !exposed.has(name))).toEqual([]);
    const families = [...parsed.keys()].filter((name) => name.startsWith('oxytocin_'));
    expect(families.filter((name) => !named.has(name))).toEqual([]);
  });
});
