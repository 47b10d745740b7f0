import { ServiceError } from './errors.ts';

/** At most `max` requests per `windowMs`. */
export interface Rate {
  max: number;
  windowMs: number;
}

export type RateRule = 'signPerAddress' | 'signPerEmail' | 'signPerLetter' | 'loginPerAddress' | 'linksPerAddress';

/** Counts requests per rule and key; `take` throws {@link RateLimited} when the key is over its rate. */
export interface RateLimits {
  take(rule: RateRule, key: string): void;
}

/** Over a rate limit: the request changed nothing; it may be tried again after `retryAfterSeconds`. */
export class RateLimited extends ServiceError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', `Too many requests. Please try again in ${retryAfterSeconds} seconds.`);
  }
}

const UNITS: Record<string, number> = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** Parses "60/minute" (also second, hour, day). */
export function parseRate(text: string): Rate | undefined {
  const match = text.trim().match(/^(\d{1,9})\s*\/\s*(second|minute|hour|day)$/);
  if (!match) return undefined;
  return { max: Number(match[1]), windowMs: UNITS[match[2]!]! };
}

/**
 * Fixed-window counters in memory, one per rule and key. Keys are whatever the caller gives (keyed
 * hashes, never raw addresses); a window's counters are dropped once it is over.
 */
export function createRateLimits(rates: Record<RateRule, Rate>, now: () => number = Date.now): RateLimits {
  const windows = new Map<string, { start: number; count: number; windowMs: number }>();
  let sweepAt = 0;
  return {
    take(rule, key) {
      const { max, windowMs } = rates[rule];
      const t = now();
      if (t >= sweepAt) {
        for (const [k, w] of windows) if (t - w.start >= w.windowMs) windows.delete(k);
        sweepAt = t + 60_000;
      }
      const id = `${rule}\u0000${key}`;
      let window = windows.get(id);
      if (!window || t - window.start >= windowMs) {
        window = { start: t, count: 0, windowMs };
        windows.set(id, window);
      }
      if (window.count >= max) throw new RateLimited(Math.max(1, Math.ceil((window.start + windowMs - t) / 1000)));
      window.count++;
    },
  };
}
