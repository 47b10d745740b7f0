import type { Context, MiddlewareHandler } from 'hono';
import type { RateLimits, RateRule } from '../domain/rate-limits.ts';
import { addressBucket, clientAddress } from './client-address.ts';

export interface AddressLimitDeps {
  limits: RateLimits;
  trustProxy?: string | undefined;
  /** An IPv6 client is counted by its network of this many bits; see addressBucket. */
  ipv6PrefixBits: number;
  connectionAddress: (c: Context) => string | undefined;
  /** The keyed hash the limits count an address under; see createAddressKeys. */
  addressKey: (address: string) => Promise<string>;
}

/** Counts the request against its client address (see addressBucket) under `rule`; over the rate it is refused with 429. */
export function perAddress(deps: AddressLimitDeps, rule: RateRule): MiddlewareHandler {
  return async (c, next) => {
    await takeForAddress(deps, c, rule);
    await next();
  };
}

/** What {@link perAddress} does, for a handler that knows only inside whether `rule` applies. */
export async function takeForAddress(deps: AddressLimitDeps, c: Context, rule: RateRule): Promise<void> {
  const address = clientAddress(c, deps.trustProxy, deps.connectionAddress);
  deps.limits.take(rule, await deps.addressKey(addressBucket(address, deps.ipv6PrefixBits)));
}
