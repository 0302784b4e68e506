import { createPublicKey, type KeyObject, verify } from 'node:crypto';

/** DER prefix that turns a raw 32-byte Ed25519 public key into SubjectPublicKeyInfo (RFC 8410). */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Discord signs `timestamp + body`; requests older than this (or further ahead than the skew) are replays. */
export const MAX_AGE_SECONDS = 5 * 60;
export const MAX_FUTURE_SKEW_SECONDS = 60;

export const SIGNATURE_HEADER = 'x-signature-ed25519';
export const TIMESTAMP_HEADER = 'x-signature-timestamp';

/** The application's public key (Developer Portal > General Information), 64 hex characters. */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('an Ed25519 public key is 64 hex characters');
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

export interface SignatureHeaders {
  signature: string;
  timestamp: string;
}

/** The two signature headers, if both are present and well formed (hex signature, unix-seconds timestamp). */
export function signatureHeaders(
  headers: Record<string, string | string[] | undefined>,
): SignatureHeaders | null {
  const signature = headers[SIGNATURE_HEADER];
  const timestamp = headers[TIMESTAMP_HEADER];
  if (typeof signature !== 'string' || !/^[0-9a-fA-F]{128}$/.test(signature)) return null;
  if (typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) return null;
  return { signature, timestamp };
}

/** Whether the timestamp is recent: not older than 5 minutes, not more than 1 minute in the future. */
export function isFresh(timestamp: string, nowMs = Date.now()): boolean {
  const age = nowMs / 1000 - Number(timestamp);
  return age <= MAX_AGE_SECONDS && age >= -MAX_FUTURE_SKEW_SECONDS;
}

/** Verifies Discord's Ed25519 signature over `timestamp + raw body`. */
export function isSignedBy(
  key: KeyObject,
  { signature, timestamp }: SignatureHeaders,
  body: Buffer,
): boolean {
  const message = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
  try {
    return verify(null, message, key, Buffer.from(signature, 'hex'));
  } catch {
    return false;
  }
}
