import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createHmac,
  hashToken,
  isWellFormedLinkToken,
  linkTokenKey,
  newLinkToken,
  newToken,
  webHashing,
  type Hashing,
} from '../../src/domain/tokens.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
import { nodeHashing } from '../../src/node-hashing.node.ts';

describe('tokens', () => {
  it('are 256 random bits, base64url, and never repeat', () => {
    const tokens = Array.from({ length: 1000 }, newToken);
    expect(new Set(tokens).size).toBe(1000);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      // Standard base64url: Node's own encoder gives back the same text.
      expect(Buffer.from(token, 'base64url').toString('base64url')).toBe(token);
    }
  });

  it('are stored as their SHA-256, hex-encoded', async () => {
    const token = newToken();
    expect(await hashToken(token)).toBe(sha256(token));
    expect(await hashToken(token)).not.toBe(await hashToken(newToken()));
  });
});

describe('link tokens', () => {
  const now = new Date('2026-11-25T12:00:00Z');

  it('are the time, then 256 random bits', () => {
    const tokens = Array.from({ length: 1000 }, () => newLinkToken(now));
    expect(new Set(tokens).size).toBe(1000);
    for (const token of tokens) {
      expect(token).toMatch(/^[0-9a-z]{9}[A-Za-z0-9_-]{43}$/);
      expect(parseInt(token.slice(0, 9), 36)).toBe(now.getTime());
      expect(Buffer.from(token.slice(9), 'base64url')).toHaveLength(32);
      expect(isWellFormedLinkToken(token)).toBe(true);
    }
  });

  it('are stored under their time and their SHA-256, never as themselves', async () => {
    const token = newLinkToken(now);
    expect(await linkTokenKey(webHashing, token)).toBe(token.slice(0, 9) + sha256(token));
    expect(await linkTokenKey(webHashing, token)).not.toContain(token.slice(9));
  });

  it('are stored in the order they were made, whatever their random part', async () => {
    const keys = [];
    for (let ms = 0; ms < 200; ms++) keys.push(await linkTokenKey(webHashing, newLinkToken(new Date(now.getTime() + ms * 997))));
    expect([...keys].sort()).toEqual(keys);
  });

  it('made before time keys are still found under their plain SHA-256', async () => {
    const old = newToken();
    expect(isWellFormedLinkToken(old)).toBe(true);
    expect(await linkTokenKey(webHashing, old)).toBe(sha256(old));
  });

  it('refuses shapes no link could carry', () => {
    expect(isWellFormedLinkToken('')).toBe(false);
    expect(isWellFormedLinkToken('a'.repeat(42))).toBe(false);
    expect(isWellFormedLinkToken(`${'a'.repeat(42)}/`)).toBe(false);
    expect(isWellFormedLinkToken(`${'a'.repeat(51)}`)).toBe(false);
    expect(isWellFormedLinkToken(`ABCDEFGHI${'a'.repeat(43)}`)).toBe(false);
  });
});

describe('hashing on Node', () => {
  it('gives the same digests as Web Crypto', async () => {
    const token = newLinkToken(new Date());
    const digests = async (hashing: Hashing) => [await linkTokenKey(hashing, token), await createHmac(hashing, 's'.repeat(32))('message')];
    expect(await digests(nodeHashing)).toEqual(await digests(webHashing));
  });
});

describe('createHmac', () => {
  it('is HMAC-SHA256 under the secret', async () => {
    const secret = 's'.repeat(32);
    const expected = (await import('node:crypto')).createHmac('sha256', secret).update('anna@example.org').digest('hex');
    for (const hashing of [webHashing, nodeHashing]) {
      expect(await createHmac(hashing, secret)('anna@example.org')).toBe(expected);
      expect(await createHmac(hashing, 't'.repeat(32))('anna@example.org')).not.toBe(expected);
    }
  });
});
