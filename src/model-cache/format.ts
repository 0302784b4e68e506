import { createHash } from 'node:crypto';
import type { TrainedModel } from '../engine/index.ts';

/** First line of a stored model; a new layout gets a new number. */
const MAGIC = 'oxytocin-bot engine model 1\n';

interface Header {
  /** Which knowledge and which engine code trained it (see model-cache/index.ts). */
  key: string;
  softmax: { classes: number; terms: string[]; bytes: number; sha256: string } | null;
}

/** Why a stored model cannot be used; `stale` is the ordinary case of a model for other knowledge. */
export class UnusableModel extends Error {
  constructor(
    message: string,
    readonly stale = false,
  ) {
    super(message);
  }
}

/** The file: the magic line, a JSON header line (key, terms, checksum), then the weights as raw float64s. */
export function encodeModel(key: string, model: TrainedModel): Buffer {
  const weights = model.softmax
    ? Buffer.from(
        model.softmax.weights.buffer,
        model.softmax.weights.byteOffset,
        model.softmax.weights.byteLength,
      )
    : Buffer.alloc(0);
  const header: Header = {
    key,
    softmax: model.softmax && {
      classes: model.softmax.classes,
      terms: model.softmax.terms,
      bytes: weights.length,
      sha256: sha256(weights),
    },
  };
  return Buffer.concat([Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`), weights]);
}

/** The model stored under `key`; throws UnusableModel when the file is for another key, truncated or corrupt. */
export function decodeModel(file: Buffer, key: string): TrainedModel {
  if (file.subarray(0, MAGIC.length).toString('utf8') !== MAGIC) throw new UnusableModel('not a model file');
  const end = file.indexOf(10, MAGIC.length);
  if (end < 0) throw new UnusableModel('no header');
  let header: Header;
  try {
    header = JSON.parse(file.subarray(MAGIC.length, end).toString('utf8')) as Header;
  } catch {
    throw new UnusableModel('unreadable header');
  }
  if (header.key !== key) throw new UnusableModel('trained for other knowledge or engine code', true);
  if (!header.softmax) return { softmax: null };
  const { classes, terms, bytes, sha256: checksum } = header.softmax;
  const body = file.subarray(end + 1);
  if (body.length !== bytes || bytes % 8 !== 0 || sha256(body) !== checksum)
    throw new UnusableModel('weights truncated or corrupt');
  // Copied into its own buffer: a Float64Array needs 8-byte alignment, which a file offset need not have.
  const weights = new Float64Array(bytes / 8);
  new Uint8Array(weights.buffer).set(body);
  return { softmax: { classes, terms, weights } };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
