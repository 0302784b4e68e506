import { createHash } from 'node:crypto';

/** First line of a cache file; a new layout gets a new number. */
const MAGIC = 'oxytocin-bot knowledge cache 2\n';

interface Header {
  /** Which knowledge and which code prepared it (see knowledge-cache/index.ts). */
  key: string;
  /** Bytes of the JSON part, then of each binary section, in order. */
  json: number;
  sections: number[];
  /** sha256 of everything after the header line. */
  sha256: string;
}

/** A Float64Array in the JSON part: its index among the binary sections. */
interface SectionRef {
  $float64: number;
}

/** Why a stored file cannot be used; `stale` is the ordinary case of a file for other knowledge. */
export class UnusableCache extends Error {
  constructor(
    message: string,
    readonly stale = false,
  ) {
    super(message);
  }
}

/**
 * The file: the magic line, a JSON header line (key, sizes, checksum), then the payload as JSON with every
 * Float64Array taken out into a raw binary section (model weights, the typo index: megabytes of doubles that
 * JSON would spell out digit by digit).
 */
export function encodeCache(key: string, payload: unknown): Buffer {
  const sections: Buffer[] = [];
  const json = Buffer.from(
    JSON.stringify(payload, (_, value: unknown) => {
      if (!(value instanceof Float64Array)) return value;
      sections.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
      return { $float64: sections.length - 1 } satisfies SectionRef;
    }),
  );
  const body = [json, ...sections];
  const hash = createHash('sha256');
  for (const part of body) hash.update(part);
  const header: Header = {
    key,
    json: json.length,
    sections: sections.map((s) => s.length),
    sha256: hash.digest('hex'),
  };
  return Buffer.concat([Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`), ...body]);
}

/** The payload stored under `key`; throws UnusableCache when the file is for another key, truncated or corrupt. */
export function decodeCache(file: Buffer, key: string): unknown {
  if (file.subarray(0, MAGIC.length).toString('utf8') !== MAGIC) throw new UnusableCache('not a cache file');
  const end = file.indexOf(10, MAGIC.length);
  if (end < 0) throw new UnusableCache('no header');
  let header: Header;
  try {
    header = JSON.parse(file.subarray(MAGIC.length, end).toString('utf8')) as Header;
  } catch {
    throw new UnusableCache('unreadable header');
  }
  if (header.key !== key) throw new UnusableCache('prepared for other knowledge or code', true);
  const body = file.subarray(end + 1);
  const size = header.json + header.sections.reduce((a, b) => a + b, 0);
  if (body.length !== size || header.sections.some((b) => b % 8 !== 0) || sha256(body) !== header.sha256)
    throw new UnusableCache('truncated or corrupt');
  const sections: Float64Array[] = [];
  let offset = header.json;
  for (const bytes of header.sections) {
    // Copied into its own buffer: a Float64Array needs 8-byte alignment, which a file offset need not have.
    const array = new Float64Array(bytes / 8);
    new Uint8Array(array.buffer).set(body.subarray(offset, offset + bytes));
    sections.push(array);
    offset += bytes;
  }
  return JSON.parse(body.subarray(0, header.json).toString('utf8'), (_, value: unknown) => {
    const ref = value as SectionRef | null;
    if (typeof ref === 'object' && ref !== null && typeof ref.$float64 === 'number') {
      const section = sections[ref.$float64];
      if (!section) throw new UnusableCache('missing section');
      return section;
    }
    return value;
  });
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
