import type { Store } from '../domain/store.ts';
import type { CountHub } from './count-hub.ts';

/**
 * The store the routes use: letters read through the count hub (from memory, refreshed per interval),
 * and every write that changes a letter telling the hub: confirmations and withdrawals hand it the new
 * counts they read in their own batch. The hub itself reads from the plain store.
 */
export function createCachedStore(store: Store, hub: CountHub): Store {
  return {
    ...store,
    letterBySlug: hub.letter,
    async confirm(hash, now, keep) {
      const since = hub.forgets();
      const result = await store.confirm(hash, now, keep);
      if (result.subject) hub.counted(result.subject.letter, since);
      return result;
    },
    async withdraw(hash, now) {
      const since = hub.forgets();
      const result = await store.withdraw(hash, now);
      if (result.subject) hub.counted(result.subject.letter, since);
      return result;
    },
    async moderate(letterId, ids, change, actor, now) {
      const changed = await store.moderate(letterId, ids, change, actor, now);
      hub.forget(letterId);
      return changed;
    },
    async createLetter(input, actor, now) {
      const letter = await store.createLetter(input, actor, now);
      hub.forget(input.slug);
      return letter;
    },
    async updateLetter(letterId, patch, actor, now) {
      const letter = await store.updateLetter(letterId, patch, actor, now);
      hub.forget(letterId);
      if (patch.slug) hub.forget(patch.slug);
      return letter;
    },
    async repairCount(letterId, actor, now) {
      await store.repairCount(letterId, actor, now);
      hub.forget(letterId);
    },
  };
}
