import { createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  countKeyId,
  importCountSigningKey,
  signedLetterText,
  signedLetterTextSha256,
  newCountSigningKey,
  proveCount,
  verifyCount,
  wellKnownDocument,
  wellKnownKey,
  type CountProof,
} from '../../src/domain/count-proof.ts';

const letter = {
  slug: 'startups-not-fear',
  title: 'Start-ups are not born in an atmosphere of fear',
  body: 'We, the undersigned, **ask**…\n\nПодпісы — тут.',
  signatureCount: 2512,
  countUpdatedAt: new Date('2020-08-17T12:34:56.789Z'),
};

describe('the signed count', () => {
  it('verifies with the key that signed it, and names what it signed', async () => {
    const key = await importCountSigningKey(await newCountSigningKey());
    const proof = await proveCount(letter, key);
    expect(proof).toEqual({
      slug: 'startups-not-fear',
      count: 2512,
      updatedAt: '2020-08-17T12:34:56.789Z',
      textSha256: createHash('sha256').update(signedLetterText(letter), 'utf8').digest('hex'),
      keyId: key.id,
      signature: expect.stringMatching(/^[A-Za-z0-9_-]{86}$/),
    });
    const verdict = await verifyCount({ ...proof, display: '2,500+' }, key.publicKeyJwk);
    expect(verdict).toEqual({ valid: true, ...proof });
  });

  it('fails when any signed field or the signature is changed', async () => {
    const key = await importCountSigningKey(await newCountSigningKey());
    const proof = await proveCount(letter, key);
    const flip = (text: string) => (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
    const changes: Partial<CountProof>[] = [
      { slug: 'another-letter' },
      { count: 2513 },
      { count: 25120 },
      { updatedAt: '2020-08-17T12:34:56.790Z' },
      { textSha256: createHash('sha256').update('# Another text\n\n').digest('hex') },
      { signature: flip(proof.signature) },
    ];
    for (const change of changes) {
      const verdict = await verifyCount({ ...proof, ...change }, key.publicKeyJwk);
      expect(verdict, JSON.stringify(change)).toEqual({ valid: false, reason: expect.stringContaining('does not match') });
    }
  });

  it('fails with a key from another site', async () => {
    const ours = await importCountSigningKey(await newCountSigningKey());
    const theirs = await importCountSigningKey(await newCountSigningKey());
    const proof = await proveCount(letter, ours);
    expect(await verifyCount(proof, theirs.publicKeyJwk)).toEqual({
      valid: false,
      reason: `the count says it was signed with key ${ours.id}, but the key given is ${theirs.id}`,
    });
    // Claiming the other site's key id does not help: the signature is still ours.
    expect(await verifyCount({ ...proof, keyId: theirs.id }, theirs.publicKeyJwk)).toMatchObject({ valid: false });
  });

  it('says which field is missing or malformed, and refuses other spellings of the same values', async () => {
    const key = await importCountSigningKey(await newCountSigningKey());
    const proof = await proveCount(letter, key);
    const { signature: _, ...unsigned } = proof;
    expect(await verifyCount(unsigned, key.publicKeyJwk)).toEqual({
      valid: false,
      reason: 'this is not a signed count: signature is missing or malformed',
    });
    for (const [field, value] of [
      ['count', '2512'],
      ['updatedAt', '2020-08-17T12:34:56.789+00:00'],
      ['textSha256', proof.textSha256.toUpperCase()],
      ['slug', `${letter.slug}\n2513`],
    ] as const) {
      const verdict = await verifyCount({ ...proof, [field]: value }, key.publicKeyJwk);
      expect(verdict).toEqual({ valid: false, reason: `this is not a signed count: ${field} is missing or malformed` });
    }
    expect(await verifyCount('2512', key.publicKeyJwk)).toMatchObject({ valid: false });
    expect(await verifyCount(proof, { kty: 'RSA' })).toEqual({ valid: false, reason: 'the key is not an Ed25519 public key (JWK)' });
  });

  it('signs the documented message, which another Ed25519 implementation verifies', async () => {
    const key = await importCountSigningKey(await newCountSigningKey());
    const proof = await proveCount(letter, key);
    const message = `undersigned-count-v1\n${proof.slug}\n2512\n2020-08-17T12:34:56.789Z\n${proof.textSha256}`;
    const publicKey = createPublicKey({ key: { ...key.publicKeyJwk }, format: 'jwk' });
    expect(nodeVerify(null, Buffer.from(message), publicKey, Buffer.from(proof.signature, 'base64url'))).toBe(true);
    const raw = Buffer.from(key.publicKeyJwk.x, 'base64url');
    expect(key.id).toBe(createHash('sha256').update(raw).digest('hex').slice(0, 16));
    expect(await countKeyId(key.publicKeyJwk)).toBe(key.id);
  });

  it('hashes the letter text as "# title", a blank line, the Markdown body and a newline', async () => {
    expect(signedLetterText({ title: 'T', body: 'Body' })).toBe('# T\n\nBody\n');
    expect(await signedLetterTextSha256({ title: 'T', body: 'Body' })).toBe(createHash('sha256').update('# T\n\nBody\n').digest('hex'));
    expect(await signedLetterTextSha256({ title: 'T', body: 'Body.' })).not.toBe(await signedLetterTextSha256({ title: 'T', body: 'Body' }));
  });

  it('finds the key that checks a proof in a well-known document', async () => {
    const key = await importCountSigningKey(await newCountSigningKey());
    const proof = await proveCount(letter, key);
    const document = JSON.parse(JSON.stringify(wellKnownDocument('https://letters.example.org', [key])));
    expect(document).toEqual({
      site: 'https://letters.example.org',
      keys: [{ id: key.id, algorithm: 'Ed25519', publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: key.publicKeyJwk.x } }],
      countMessage: expect.stringContaining('undersigned-count-v1'),
    });
    const found = wellKnownKey(document, proof.keyId);
    expect('key' in found && (await verifyCount(proof, found.key)).valid).toBe(true);
    expect(wellKnownKey(document, '0000000000000000')).toEqual({ reason: expect.stringContaining(`it lists: ${key.id}`) });
  });
});
