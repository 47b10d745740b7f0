import { describe, expect, it } from 'vitest';
import type { GrowthCount } from '../../src/domain/entities.ts';
import { letterGrowth, MAX_DAYS } from '../../src/domain/growth.ts';
import { signingSource } from '../../src/domain/signing-source.ts';
import type { GrowthStore } from '../../src/domain/store.ts';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-12-07T15:30:00Z');
const TODAY = Math.floor(NOW.getTime() / DAY);

const storeOf = (counts: GrowthCount[], expired = 0): GrowthStore => ({ growth: async () => ({ counts, sources: [], expired }) });

describe('letter growth', () => {
  it('puts each signature in its day and recent hour, and counts the rate over every signing that could have been confirmed', async () => {
    const growth = await letterGrowth(
      storeOf(
        [
          { day: TODAY - 2, hour: null, kind: 'confirmed', signatures: 5, everConfirmed: 5 },
          { day: TODAY, hour: 47, kind: 'pending', signatures: 2, everConfirmed: 0 },
          { day: TODAY, hour: 47, kind: 'withdrawn', signatures: 3, everConfirmed: 1 },
          { day: TODAY, hour: 46, kind: 'hidden', signatures: 1, everConfirmed: 0 },
        ],
        4,
      ),
      { id: 1 },
      NOW,
    );
    expect(growth.days.map((d) => [d.start.toISOString().slice(0, 10), d.confirmed, d.pending, d.withdrawn, d.hidden])).toEqual([
      ['2026-12-05', 5, 0, 0, 0],
      ['2026-12-06', 0, 0, 0, 0],
      ['2026-12-07', 0, 2, 3, 1],
    ]);
    expect(growth.hours).toHaveLength(48);
    expect(growth.hours.at(-1)!.start.toISOString()).toBe('2026-12-07T15:00:00.000Z');
    expect(growth.hours.at(-1)).toMatchObject({ pending: 2, withdrawn: 3 });
    expect(growth.hours.at(-2)).toMatchObject({ hidden: 1 });
    // A hidden signature never confirmed is still pending for the rate.
    expect(growth.confirmation).toEqual({ confirmed: 6, pending: 3, withdrawnUnconfirmed: 2, expired: 4, rate: 6 / 15 });
  });

  it('has no rate before anyone signed, and one day, today', async () => {
    const growth = await letterGrowth(storeOf([]), { id: 1 }, NOW);
    expect(growth.confirmation.rate).toBeNull();
    expect(growth.days).toHaveLength(1);
  });

  it('shows at most the last two years of days however old a signature claims to be', async () => {
    const growth = await letterGrowth(storeOf([{ day: 0, hour: null, kind: 'confirmed', signatures: 1, everConfirmed: 1 }]), { id: 1 }, NOW);
    expect(growth.days).toHaveLength(MAX_DAYS);
    expect(growth.confirmation.confirmed).toBe(1);
  });
});

describe('signing sources', () => {
  it('takes a known tag as it is, none as direct, and anything else as other', () => {
    expect(signingSource('share-telegram')).toBe('share-telegram');
    expect(signingSource(undefined)).toBe('direct');
    expect(signingSource('')).toBe('direct');
    expect(signingSource('SHARE-TELEGRAM')).toBe('other');
    expect(signingSource('api')).toBe('other');
    expect(signingSource('direct')).toBe('direct');
    expect(signingSource('<script>')).toBe('other');
  });
});
