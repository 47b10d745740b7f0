import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createHmac, hashToken, isWellFormedToken, newToken, useHashing, webHashing } from '../../src/domain/tokens.ts';
import { nodeHashing } from '../../src/node-hashing.node.ts';

describe('tokens', () => {
  it('are 256 random bits, base64url, and never repeat', () => {
    const tokens = Array.from({ length: 1000 }, newToken);
    expect(new Set(tokens).size).toBe(1000);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      expect(isWellFormedToken(token)).toBe(true);
    }
  });

  it('are stored as their SHA-256, hex-encoded', async () => {
    const token = newToken();
    const expected = createHash('sha256').update(token).digest('hex');
    expect(await hashToken(token)).toBe(expected);
    expect(await hashToken(token)).not.toBe(await hashToken(newToken()));
  });

  it('refuses shapes no link could carry', () => {
    expect(isWellFormedToken('')).toBe(false);
    expect(isWellFormedToken('a'.repeat(42))).toBe(false);
    expect(isWellFormedToken(`${'a'.repeat(42)}/`)).toBe(false);
  });
});

describe('hashing on Node', () => {
  it('gives the same digests as Web Crypto', async () => {
    const token = newToken();
    const web = [await hashToken(token), await createHmac('s'.repeat(32))('message')];
    useHashing(nodeHashing);
    try {
      expect([await hashToken(token), await createHmac('s'.repeat(32))('message')]).toEqual(web);
    } finally {
      useHashing(webHashing);
    }
  });
});

describe('createHmac', () => {
  it('is HMAC-SHA256 under the secret', async () => {
    const secret = 's'.repeat(32);
    const expected = (await import('node:crypto')).createHmac('sha256', secret).update('anna@example.org').digest('hex');
    expect(await createHmac(secret)('anna@example.org')).toBe(expected);
    expect(await createHmac('t'.repeat(32))('anna@example.org')).not.toBe(expected);
  });
});
