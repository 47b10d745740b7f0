import { ServiceError } from './errors.ts';

/** At most `max` requests per `windowMs`. */
export interface Rate {
  max: number;
  windowMs: number;
}

/** Limits about the client or the letter, never about a signer's address (its answer must not depend on it). */
export type RateRule = 'signPerAddress' | 'signWithoutProofPerAddress' | 'signPerLetter' | 'loginPerAddress' | 'linksPerAddress';

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

/** Keys a rule counts at most at once: about 25 MB for a rule's keyed hashes and counters. */
const MAX_KEYS = 100_000;

/**
 * Fixed-window counters in memory, one per rule and key. Keys are whatever the caller gives (keyed
 * hashes, never raw addresses); a window's counters are dropped once it is over.
 *
 * A flood from many client addresses brings a new key for each, and a window may last an hour:
 * unbounded, that is about 240 bytes a key, and a sweep of millions of entries every minute on the
 * thread that serves requests. So a rule keeps its keys in two generations of at most `maxKeys / 2`
 * each: when the newer is full, the older is dropped whole, and the limit remembers the latest
 * clients only.
 */
export function createRateLimits(
  rates: Record<RateRule, Rate>,
  now: () => number = Date.now,
  maxKeys = MAX_KEYS,
): RateLimits {
  type Windows = Map<string, { start: number; count: number }>;
  // Per rule, so that a key needs no rule prefix (a string made for every request).
  const rules = new Map<RateRule, { newer: Windows; older: Windows }>();
  let sweepAt = 0;
  return {
    take(rule, key) {
      const { max, windowMs } = rates[rule];
      const t = now();
      if (t >= sweepAt) {
        for (const [r, generations] of rules) {
          const ms = rates[r].windowMs;
          for (const windows of [generations.newer, generations.older]) {
            windows.forEach((w, k) => t - w.start >= ms && windows.delete(k));
          }
        }
        sweepAt = t + 60_000;
      }
      let keys = rules.get(rule);
      if (!keys) rules.set(rule, (keys = { newer: new Map(), older: new Map() }));
      let window = keys.newer.get(key) ?? keys.older.get(key);
      if (!window || t - window.start >= windowMs) {
        if (keys.newer.size >= maxKeys / 2) rules.set(rule, (keys = { newer: new Map(), older: keys.newer }));
        window = { start: t, count: 0 };
        keys.newer.set(key, window);
      }
      if (window.count >= max) throw new RateLimited(Math.max(1, Math.ceil((window.start + windowMs - t) / 1000)));
      window.count++;
    },
  };
}
