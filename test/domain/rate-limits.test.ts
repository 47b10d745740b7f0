import { describe, expect, it } from 'vitest';
import { createRateLimits, RateLimited, type Rate, type RateRule } from '../../src/domain/rate-limits.ts';

const MINUTE = 60_000;
const rates = (signPerAddress: Rate): Record<RateRule, Rate> => ({
  signPerAddress,
  signWithoutProofPerAddress: { max: 1, windowMs: MINUTE },
  signPerLetter: { max: 100, windowMs: MINUTE },
  loginPerAddress: { max: 3, windowMs: MINUTE },
  linksPerAddress: { max: 10, windowMs: MINUTE },
});

/** How many of `tries` takes of one key go through. */
const allowed = (take: () => void, tries: number) => {
  let ok = 0;
  for (let i = 0; i < tries; i++) {
    try {
      take();
      ok++;
    } catch (error) {
      if (!(error instanceof RateLimited)) throw error;
    }
  }
  return ok;
};

describe('rate limits', () => {
  it('let a key through up to its rate, then refuse it until its window is over', () => {
    let t = 0;
    const limits = createRateLimits(rates({ max: 2, windowMs: 60 * MINUTE }), () => t);
    expect(allowed(() => limits.take('signPerAddress', 'alice'), 5)).toBe(2);
    t = 45 * MINUTE;
    let refused: unknown;
    try {
      limits.take('signPerAddress', 'alice');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(RateLimited);
    expect((refused as RateLimited).retryAfterSeconds).toBe(15 * 60);
    // Other keys, and the same key under another rule, are counted apart.
    expect(allowed(() => limits.take('signPerAddress', 'bob'), 5)).toBe(2);
    expect(allowed(() => limits.take('loginPerAddress', 'alice'), 5)).toBe(3);
    t = 60 * MINUTE;
    expect(allowed(() => limits.take('signPerAddress', 'alice'), 5)).toBe(2);
  });

  it('keep a bounded number of keys under a flood of new ones, forgetting the oldest first', () => {
    const limits = createRateLimits(rates({ max: 1, windowMs: 60 * MINUTE }), () => 0, 1000);
    limits.take('signPerAddress', 'first');
    for (let i = 0; i < 400; i++) limits.take('signPerAddress', `signer ${i}`);
    // Within the bound, every key is still counted.
    expect(allowed(() => limits.take('signPerAddress', 'first'), 1)).toBe(0);
    for (let i = 400; i < 1200; i++) limits.take('signPerAddress', `signer ${i}`);
    // A thousand keys later the first is forgotten; the latest are still counted.
    expect(allowed(() => limits.take('signPerAddress', 'first'), 2)).toBe(1);
    expect(allowed(() => limits.take('signPerAddress', 'signer 1199'), 1)).toBe(0);
  });
});
