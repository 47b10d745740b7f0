import type { Actor, CountMismatch } from './entities.ts';
import type { Store } from './store.ts';

/**
 * Compares every letter's stored count with the signatures it counts; with `fix`, sets each wrong
 * count to the rows and logs the repair. Returns the mismatches found.
 */
export async function checkCounts(store: Store, options: { fix: boolean; actor: Actor; now: Date }): Promise<CountMismatch[]> {
  const mismatches = await store.countMismatches();
  if (options.fix) {
    for (const mismatch of mismatches) await store.repairCount(mismatch.letterId, options.actor, options.now);
  }
  return mismatches;
}
