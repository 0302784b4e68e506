import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isFresh, isSignedBy, publicKeyFromHex, signatureHeaders } from '../../src/http/verify.ts';
import { publicKeyHex } from '../helpers/http-interactions.ts';

describe('Discord request signatures', () => {
  const keys = generateKeyPairSync('ed25519');
  const key = publicKeyFromHex(publicKeyHex(keys.publicKey));
  const body = Buffer.from('{"type":1}');
  const timestamp = '1700000000';
  const signature = sign(null, Buffer.concat([Buffer.from(timestamp), body]), keys.privateKey).toString(
    'hex',
  );

  it('accepts the signature of timestamp + body, and nothing else', () => {
    expect(isSignedBy(key, { signature, timestamp }, body)).toBe(true);
    expect(isSignedBy(key, { signature, timestamp: '1700000001' }, body)).toBe(false);
    expect(isSignedBy(key, { signature, timestamp }, Buffer.from('{"type":2}'))).toBe(false);
    const other = publicKeyFromHex(publicKeyHex(generateKeyPairSync('ed25519').publicKey));
    expect(isSignedBy(other, { signature, timestamp }, body)).toBe(false);
  });

  it('reads the public key as 64 hex characters only', () => {
    expect(() => publicKeyFromHex('abc')).toThrow(/64 hex/);
    expect(publicKeyFromHex(publicKeyHex(keys.publicKey).toUpperCase()).asymmetricKeyType).toBe('ed25519');
  });

  it('needs both headers, well formed', () => {
    const ok = { 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp };
    expect(signatureHeaders(ok)).toEqual({ signature, timestamp });
    expect(signatureHeaders({ 'x-signature-ed25519': signature })).toBeNull();
    expect(signatureHeaders({ ...ok, 'x-signature-ed25519': signature.slice(2) })).toBeNull();
    expect(signatureHeaders({ ...ok, 'x-signature-ed25519': `${signature.slice(2)}zz` })).toBeNull();
    expect(signatureHeaders({ ...ok, 'x-signature-timestamp': '-5' })).toBeNull();
    expect(signatureHeaders({ ...ok, 'x-signature-timestamp': ['1', '2'] })).toBeNull();
  });

  it('takes timestamps up to 5 minutes old and 1 minute ahead', () => {
    const now = 1_700_000_000_000;
    expect(isFresh('1700000000', now)).toBe(true);
    expect(isFresh(String(1_700_000_000 - 300), now)).toBe(true);
    expect(isFresh(String(1_700_000_000 - 301), now)).toBe(false);
    expect(isFresh(String(1_700_000_000 + 60), now)).toBe(true);
    expect(isFresh(String(1_700_000_000 + 61), now)).toBe(false);
  });
});
