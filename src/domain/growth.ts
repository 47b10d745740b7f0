import type { GrowthKind, Letter, SourceCount } from './entities.ts';
import type { GrowthStore } from './store.ts';

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;
/** The recent hours the dashboard shows one by one. */
export const RECENT_HOURS = 48;
/** The most days the dashboard shows: a page of a few hundred bars and rows at most. */
export const MAX_DAYS = 730;

export const GROWTH_KINDS: readonly GrowthKind[] = ['confirmed', 'pending', 'withdrawn', 'hidden'];

/** Signatures made in one hour or day, by what became of them. */
export type GrowthBucket = { start: Date } & Record<GrowthKind, number>;

/** A letter's dashboard figures: see docs/organizers.md#see-it-grow for what each one means. */
export interface LetterGrowth {
  /** The last {@link RECENT_HOURS} hours, the current one last. */
  hours: GrowthBucket[];
  /** Every day (UTC) from the first signature's to today, the last {@link MAX_DAYS} at most. */
  days: GrowthBucket[];
  confirmation: {
    /** Signatures ever confirmed, withdrawn since or not. */
    confirmed: number;
    /** Not confirmed yet, hidden or not. */
    pending: number;
    /** Withdrawn before being confirmed. */
    withdrawnUnconfirmed: number;
    /** Pending signatures deleted once their confirm links expired. */
    expired: number;
    /** confirmed / (all four); null before anyone signed. */
    rate: number | null;
  };
  /** New signatures per day and source, newest day first. */
  sources: SourceCount[];
}

const empty = (start: number): GrowthBucket => ({ start: new Date(start), confirmed: 0, pending: 0, withdrawn: 0, hidden: 0 });

/** How a letter has grown, from what its signatures and counters keep. */
export async function letterGrowth(store: GrowthStore, letter: Pick<Letter, 'id'>, now: Date): Promise<LetterGrowth> {
  const firstHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - (RECENT_HOURS - 1) * HOUR_MS;
  const { counts, sources, expired } = await store.growth(letter.id, new Date(firstHour));
  const today = Math.floor(now.getTime() / DAY_MS);
  const firstDay = Math.max(today - MAX_DAYS + 1, Math.min(today, ...counts.map((count) => count.day)));
  const hours = Array.from({ length: RECENT_HOURS }, (_, i) => empty(firstHour + i * HOUR_MS));
  const days = Array.from({ length: today - firstDay + 1 }, (_, i) => empty((firstDay + i) * DAY_MS));
  const confirmation = { confirmed: 0, pending: 0, withdrawnUnconfirmed: 0, expired, rate: null as number | null };
  for (const count of counts) {
    const day = days[count.day - firstDay];
    if (day) day[count.kind] += count.signatures;
    const hour = count.hour === null ? undefined : hours[count.hour];
    if (hour) hour[count.kind] += count.signatures;
    confirmation.confirmed += count.everConfirmed;
    // Never confirmed: pending (hidden or not), or withdrawn before confirming.
    const unconfirmed = count.signatures - count.everConfirmed;
    if (count.kind === 'withdrawn') confirmation.withdrawnUnconfirmed += unconfirmed;
    else confirmation.pending += unconfirmed;
  }
  const { confirmed, pending, withdrawnUnconfirmed } = confirmation;
  const started = confirmed + pending + withdrawnUnconfirmed + expired;
  confirmation.rate = started > 0 ? confirmed / started : null;
  return { hours, days, confirmation, sources };
}
