import { describe, expect, it } from 'vitest';
import { importCountSigningKey, newCountSigningKey, proveCount, verifyCount } from '../../src/domain/count-proof.ts';
import { decodeProofHeader, encodeProofHeader } from '../../src/http/count-proof-http.ts';

describe('the count proof header', () => {
  it('carries a proof that still verifies, in characters a header allows', async () => {
    const key = await importCountSigningKey(await newCountSigningKey());
    const letter = { slug: 'a-letter', title: 'Подпісы', body: 'We ask…', signatureCount: 7, countUpdatedAt: new Date('2020-08-17T12:34:56.789Z') };
    const proof = await proveCount(letter, key);
    const header = encodeProofHeader(proof);
    expect(header).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeProofHeader(header)).toEqual(proof);
    expect((await verifyCount(decodeProofHeader(header), key.publicKeyJwk)).valid).toBe(true);
  });

  it('reads anything but base64url JSON as no proof', () => {
    expect(decodeProofHeader('not json!')).toBeUndefined();
    expect(decodeProofHeader(btoa('{"slug":').replace(/=+$/, ''))).toBeUndefined();
  });
});
