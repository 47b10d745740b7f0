import ipaddr from 'ipaddr.js';
import type { Context } from 'hono';
import { createHmac, newToken, type Hashing } from '../domain/tokens.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The client's address as a keyed hash, for rate limits: the key is random, lives only in memory and
 * is replaced every UTC day, so no address is stored and no two days' hashes can be linked.
 */
export function createAddressKeys(hashing: Hashing, now: () => number = Date.now): (address: string) => Promise<string> {
  let day = -1;
  let hash: (message: string) => Promise<string> = async () => '';
  return (address) => {
    const today = Math.floor(now() / DAY_MS);
    if (today !== day) {
      day = today;
      hash = createHmac(hashing, newToken());
    }
    return hash(address);
  };
}

/**
 * Where the request came from: the trusted proxy header if one is configured (for X-Forwarded-For,
 * the right-most entry, the one the proxy itself added), else the connection's address.
 */
export function clientAddress(c: Context, trustProxy: string | undefined, connection: (c: Context) => string | undefined) {
  if (!trustProxy) return connection(c) ?? 'unknown';
  const value = c.req.header(trustProxy) ?? '';
  const address = trustProxy === 'x-forwarded-for' ? value.split(',').pop() : value;
  return address?.trim() || connection(c) || 'unknown';
}

/**
 * What a per-address limit counts a client under. An IPv4 address is itself, however written (also
 * IPv4-mapped, `::ffff:203.0.113.1`, as a dual-stack socket reports it). An IPv6 address is its
 * network of `ipv6PrefixBits` (48 to 64): one subscriber is given a whole /64 or more, and could
 * otherwise make up a fresh address for every request. Anything else is counted as it is written.
 */
export function addressBucket(address: string, ipv6PrefixBits: number): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const bytes = parsed.toByteArray().map((byte, i) => {
    const kept = Math.max(0, Math.min(8, ipv6PrefixBits - i * 8));
    return byte & (0xff << (8 - kept)) & 0xff;
  });
  return `${ipaddr.fromByteArray(bytes).toString()}/${ipv6PrefixBits}`;
}
