import { base64url, hex } from './encoding.ts';

const TOKEN_BYTES = 32;
/** Characters of a {@link newToken}. */
const TOKEN_LENGTH = 43;
/** Characters of a {@link timeKey}: base-36 milliseconds fit in 9 until the year 5188. */
const TIME_KEY_LENGTH = 9;
/** A link token: an optional time key (links made before time keys have none), then a token. */
const LINK_TOKEN = new RegExp(`^(?:[0-9a-z]{${TIME_KEY_LENGTH}})?[A-Za-z0-9_-]{${TOKEN_LENGTH}}$`);
// Random bytes are drawn a pool at a time, as Node's randomUUID does: one call to the system's
// generator per 128 tokens instead of one per token, which a signing makes three of.
const POOL_BYTES = TOKEN_BYTES * 128;
const pool = new Uint8Array(POOL_BYTES);
let poolOffset = POOL_BYTES;

/** A fresh 256-bit token, base64url-encoded (43 characters), for a link in an email. */
export function newToken(): string {
  if (poolOffset === POOL_BYTES) {
    crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, (poolOffset += TOKEN_BYTES));
  const token = base64url(bytes);
  // A token handed out leaves no copy behind.
  bytes.fill(0);
  return token;
}

/**
 * The time, as fixed-width base-36 milliseconds: keys that start with it sort in the order they were
 * made, so new ones go in at the end of their index instead of at a random page of it. Under load that
 * is fewer pages to write per commit.
 */
export function timeKey(now: Date): string {
  return now.getTime().toString(36).padStart(TIME_KEY_LENGTH, '0');
}

/**
 * A token for a link in an email (confirm, withdraw): a {@link timeKey}, which is not secret, then a
 * {@link newToken} (52 characters).
 */
export function newLinkToken(now: Date): string {
  return timeKey(now) + newToken();
}

/**
 * The key a link token is stored and looked up under: its time key, then the SHA-256 of the whole
 * token, hex-encoded. A plain hash would be a random key, and each new one would land on a page of
 * its own in an index of millions. Lookups still go by a hash, so the time one takes never depends on
 * how much of a secret token an attacker has guessed. Links made before time keys (43 characters)
 * are stored under their plain hash, and keep working.
 */
export async function linkTokenKey(hashing: Hashing, token: string): Promise<string> {
  const hash = await hashing.sha256(token);
  return token.length === TOKEN_LENGTH ? hash : token.slice(0, TIME_KEY_LENGTH) + hash;
}

/**
 * The SHA-256 of a token, hex-encoded: the only form an organizer's token or session is stored in.
 * Tokens are looked up by this hash, so the time a lookup takes depends on the hash, never on how much
 * of a secret token an attacker has guessed. Organizers' requests are few: Web Crypto on every
 * runtime serves them.
 */
export async function hashToken(token: string): Promise<string> {
  return webHashing.sha256(token);
}

/** HMAC-SHA256 under `secret`, hex-encoded. */
export function createHmac(hashing: Hashing, secret: string): (message: string) => Promise<string> {
  const sign = hashing.hmac(secret);
  return async (message) => sign(message);
}

/**
 * Whether `token` has the shape of a link token, made by {@link newLinkToken} or, before time keys,
 * by {@link newToken}; anything else is unknown without a lookup.
 */
export function isWellFormedLinkToken(token: string): boolean {
  return LINK_TOKEN.test(token);
}

/**
 * SHA-256 and HMAC-SHA256, hex-encoded: Web Crypto ({@link webHashing}) on every runtime, or a
 * runtime's own with the same results (Node's is synchronous, which spares each of the several
 * hashes of a signing a round trip through the thread pool).
 */
export interface Hashing {
  sha256(text: string): string | Promise<string>;
  hmac(secret: string): (message: string) => string | Promise<string>;
}

const encoder = new TextEncoder();

/** Web Crypto, which every runtime has. */
export const webHashing: Hashing = {
  async sha256(text) {
    return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text))));
  },
  hmac(secret) {
    const key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    return async (message) => hex(new Uint8Array(await crypto.subtle.sign('HMAC', await key, encoder.encode(message))));
  },
};
