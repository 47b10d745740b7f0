import { and, asc, ne, sql } from 'drizzle-orm';
import type { ListReleaseStore } from '../../domain/store.ts';
import type { Database } from '../database.ts';
import { letters } from '../schema.ts';

/** Letters with thresholds; counting and releasing them is raw (see raw/list-releases.ts). */
export function listReleaseStore(db: Database): Pick<ListReleaseStore, 'lettersWithThresholds'> {
  return {
    lettersWithThresholds: async () =>
      db
        .select({ id: letters.id, listThresholds: letters.listThresholds, listDelayHours: letters.listDelayHours })
        .from(letters)
        .where(and(ne(letters.state, 'draft'), ne(letters.listThresholds, sql`'[]'`)))
        .orderBy(asc(letters.id)),
  };
}
