import { createHmac, hash } from 'node:crypto';
import type { Hashing } from './domain/tokens.ts';

/** Node's synchronous SHA-256 and HMAC (see Hashing): the same digests as Web Crypto's. */
export const nodeHashing: Hashing = {
  // One call, without a Hash object: cheaper for a token's few dozen bytes
  // (docs/performance.md#smaller-choices-on-the-hot-paths).
  sha256: (text) => hash('sha256', text, 'hex'),
  hmac: (secret) => (message) => createHmac('sha256', secret).update(message).digest('hex'),
};
