/**
 * A strict parser for the Prometheus text exposition format 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/), for tests: it throws on the first line that
 * is not a valid HELP, TYPE, comment, blank or sample line, and on structural mistakes a scraper would reject
 * or misread (a family's samples split up, a TYPE after its samples or twice, a sample repeated, histogram
 * buckets that are not cumulative or disagree with `_count`, a counter going negative).
 */

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  /** The sample's own name (e.g. `x_bucket` for histogram `x`). */
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: MetricType;
  help?: string;
  samples: Sample[];
}

export type Exposition = Map<string, Family>;

const METRIC_NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL_NAME = '[a-zA-Z_][a-zA-Z0-9_]*';
const HELP_LINE = new RegExp(`^# HELP (${METRIC_NAME})(?: (.*))?$`);
const TYPE_LINE = new RegExp(`^# TYPE (${METRIC_NAME}) (counter|gauge|histogram|summary|untyped)$`);
const SAMPLE_LINE = new RegExp(`^(${METRIC_NAME})(?:\\{(.*)\\})? (\\S+)(?: (-?\\d+))?$`);
// A label value: any characters but a backslash, double quote or newline, or one of the three escapes.
const LABEL_PAIR = new RegExp(`^(${LABEL_NAME})="((?:[^"\\\\\\n]|\\\\[\\\\"n])*)"`);
const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parsePrometheusText(text: string): Exposition {
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a newline');
  const families: Exposition = new Map();
  const seen = new Set<string>();
  const typed = new Set<string>();
  let current: Family | undefined;
  const lines = text.slice(0, -1).split('\n');

  const family = (name: string, at: number): Family => {
    let f = families.get(name);
    if (!f) {
      f = { name, type: 'untyped', samples: [] };
      families.set(name, f);
    } else if (f !== current) {
      throw new Error(`line ${at}: family ${name} is not contiguous`);
    }
    current = f;
    return f;
  };

  lines.forEach((line, index) => {
    const at = index + 1;
    if (line === '') return;
    if (line.startsWith('#')) {
      const help = HELP_LINE.exec(line);
      if (help) {
        const f = family(help[1] as string, at);
        if (f.help !== undefined) throw new Error(`line ${at}: second HELP for ${f.name}`);
        f.help = unescapeHelp(help[2] ?? '', at);
        return;
      }
      const type = TYPE_LINE.exec(line);
      if (type) {
        const f = family(type[1] as string, at);
        if (f.samples.length > 0 || typed.has(f.name)) {
          throw new Error(`line ${at}: TYPE for ${f.name} after its samples or twice`);
        }
        f.type = type[2] as MetricType;
        typed.add(f.name);
        return;
      }
      if (/^# (HELP|TYPE)\b/.test(line))
        throw new Error(`line ${at}: malformed ${line.slice(2, 6)}: ${line}`);
      if (!line.startsWith('# ')) throw new Error(`line ${at}: malformed comment: ${line}`);
      return; // an ordinary comment
    }
    const match = SAMPLE_LINE.exec(line);
    if (!match) throw new Error(`line ${at}: not a sample line: ${line}`);
    const [, name, labelText, valueText] = match as unknown as [string, string, string | undefined, string];
    const labels = parseLabels(labelText ?? '', at);
    const value = parseValue(valueText, at);
    const f = family(familyName(name, families, current), at);
    if (!sampleNameFits(f, name))
      throw new Error(`line ${at}: ${name} does not belong to ${f.type} ${f.name}`);
    if (f.type === 'counter' && !(value >= 0)) throw new Error(`line ${at}: counter ${name} is ${value}`);
    const key = `${name}{${Object.entries(labels)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(',')}}`;
    if (seen.has(key)) throw new Error(`line ${at}: duplicate sample ${key}`);
    seen.add(key);
    f.samples.push({ name, labels, value });
  });
  for (const f of families.values()) if (f.type === 'histogram') checkHistogram(f);
  return families;
}

/** The value of the one sample with this name and exactly these labels; throws when there is none. */
export function sampleValue(
  exposition: Exposition,
  name: string,
  labels: Record<string, string> = {},
): number {
  for (const f of exposition.values()) {
    for (const s of f.samples) {
      if (s.name !== name) continue;
      const keys = Object.keys(s.labels);
      if (keys.length === Object.keys(labels).length && keys.every((k) => s.labels[k] === labels[k])) {
        return s.value;
      }
    }
  }
  throw new Error(`no sample ${name}${JSON.stringify(labels)}`);
}

/** Every sample named `name`, whatever its labels. */
export function samplesNamed(exposition: Exposition, name: string): Sample[] {
  return [...exposition.values()].flatMap((f) => f.samples.filter((s) => s.name === name));
}

function parseLabels(text: string, at: number): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text;
  while (rest !== '') {
    const pair = LABEL_PAIR.exec(rest);
    if (!pair) throw new Error(`line ${at}: malformed labels: {${text}}`);
    const [whole, name, raw] = pair as unknown as [string, string, string];
    if (name in labels) throw new Error(`line ${at}: label ${name} twice`);
    labels[name] = raw.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    rest = rest.slice(whole.length);
    if (rest.startsWith(',')) {
      rest = rest.slice(1);
      if (rest === '') break; // a trailing comma is allowed
    } else if (rest !== '') throw new Error(`line ${at}: malformed labels: {${text}}`);
  }
  return labels;
}

function parseValue(text: string, at: number): number {
  // As Go's strconv.ParseFloat reads them (the format's reference): NaN and Inf in any case, Inf signed.
  if (/^nan$/i.test(text)) return Number.NaN;
  const inf = /^([+-]?)inf(inity)?$/i.exec(text);
  if (inf) return inf[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (!FLOAT.test(text)) throw new Error(`line ${at}: not a number: ${text}`);
  return Number(text);
}

function unescapeHelp(text: string, at: number): string {
  if (/\\[^\\n]|\\$/.test(text.replace(/\\\\/g, ''))) throw new Error(`line ${at}: bad escape in HELP`);
  return text.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

const SUFFIXES: Partial<Record<MetricType, string[]>> = {
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
};

/**
 * The family a sample belongs to: the current one when the name fits it, else an earlier family it fits (which
 * `family()` then reports as split up), else a new untyped family of its own name.
 */
function familyName(sample: string, families: Exposition, current: Family | undefined): string {
  if (current && sampleNameFits(current, sample)) return current.name;
  const base = sample.replace(/_(bucket|sum|count)$/, '');
  for (const name of [sample, base]) {
    const f = families.get(name);
    if (f && sampleNameFits(f, sample)) return name;
  }
  return sample;
}

function sampleNameFits(f: Family, sample: string): boolean {
  const suffixes = SUFFIXES[f.type] ?? [''];
  return suffixes.some((suffix) => sample === f.name + suffix);
}

/** Per label set: buckets with increasing `le`, cumulative counts, a `+Inf` bucket equal to `_count`. */
function checkHistogram(f: Family): void {
  const series = new Map<string, { buckets: [number, number][]; count?: number; sum?: number }>();
  for (const s of f.samples) {
    const { le, ...rest } = s.labels;
    const key = JSON.stringify(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b)));
    const entry = series.get(key) ?? { buckets: [] };
    series.set(key, entry);
    if (s.name.endsWith('_bucket')) {
      if (le === undefined) throw new Error(`${f.name}: bucket without le`);
      entry.buckets.push([parseValue(le, 0), s.value]);
    } else if (le !== undefined) throw new Error(`${f.name}: le on ${s.name}`);
    else if (s.name.endsWith('_count')) entry.count = s.value;
    else entry.sum = s.value;
  }
  for (const [key, { buckets, count, sum }] of series) {
    const where = `${f.name}${key}`;
    if (count === undefined || sum === undefined) throw new Error(`${where}: no _count or _sum`);
    const last = buckets.at(-1);
    if (!last || last[0] !== Number.POSITIVE_INFINITY) throw new Error(`${where}: no +Inf bucket last`);
    if (last[1] !== count) throw new Error(`${where}: +Inf bucket ${last[1]} but _count ${count}`);
    for (let i = 1; i < buckets.length; i++) {
      const [le, n] = buckets[i] as [number, number];
      const [prevLe, prevN] = buckets[i - 1] as [number, number];
      if (!(le > prevLe)) throw new Error(`${where}: le ${le} after ${prevLe}`);
      if (n < prevN) throw new Error(`${where}: bucket le=${le} has ${n} < ${prevN}`);
    }
  }
}
