import { createHash, createHmac } from 'node:crypto';
import type { Hashing } from './domain/tokens.ts';

/** Node's synchronous SHA-256 and HMAC (see useHashing): the same digests as Web Crypto's. */
export const nodeHashing: Hashing = {
  sha256: (text) => createHash('sha256').update(text).digest('hex'),
  hmac: (secret) => (message) => createHmac('sha256', secret).update(message).digest('hex'),
};
