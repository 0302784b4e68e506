import { createRequire } from 'node:module';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config/index.ts';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level?: LogLevel;
  /** Human-readable output; default: only when stdout is a terminal and NODE_ENV is not `production`. */
  pretty?: boolean;
  /** Where log lines go; default stdout (stderr for command-line tools that print results on stdout). */
  destination?: DestinationStream;
  /** Values that must never appear in a log line (the bot token), scrubbed wherever they occur. */
  secrets?: (string | undefined)[];
}

/** Field paths whose values are replaced before a line is written. */
export const REDACT_PATHS = [
  'token',
  'discordToken',
  'DISCORD_TOKEN',
  'authorization',
  'Authorization',
  '*.token',
  '*.discordToken',
  '*.DISCORD_TOKEN',
  '*.authorization',
  '*.Authorization',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'config.discordToken',
];

/**
 * pino with redaction. Redaction by path covers structured fields; scrubbing the serialized line covers a
 * secret that slipped into a message or an error string.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const base: DestinationStream = options.destination ?? process.stdout;
  const prettyOutput =
    options.pretty ?? (process.stdout.isTTY === true && process.env.NODE_ENV !== 'production');
  const sink = prettyOutput ? prettyStream(base) : base;
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length >= 8);
  const destination: DestinationStream =
    secrets.length === 0 ? sink : { write: (line: string) => sink.write(scrub(line, secrets)) };
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { app: 'oxytocin-bot' },
    },
    destination,
  );
}

/**
 * pino-pretty, loaded only when wanted: in production (JSON lines) the process never loads it or its
 * dependencies. It runs in this thread (sync), not as a pino transport, so no worker thread either way.
 */
function prettyStream(destination: DestinationStream): DestinationStream {
  const pretty = createRequire(import.meta.url)('pino-pretty') as typeof import('pino-pretty');
  return pretty({ destination, sync: true, colorize: destination === process.stdout });
}

function scrub(line: string, secrets: string[]): string {
  let out = line;
  for (const secret of secrets) out = out.split(secret).join('[redacted]');
  return out;
}
