import { desc, asc, eq, sql } from 'drizzle-orm';
import type { GrowthKind } from '../../domain/entities.ts';
import { DAY_MS, HOUR_MS } from '../../domain/growth.ts';
import type { SigningSource } from '../../domain/signing-source.ts';
import type { GrowthStore } from '../../domain/store.ts';
import type { Database } from '../database.ts';
import { expiredSignings, signatures, signingSources } from '../schema.ts';

/** What became of a signature; a withdrawn one is withdrawn, hidden or not. */
const KIND = sql<GrowthKind>`CASE WHEN ${signatures.status} = 'withdrawn' THEN 'withdrawn' WHEN ${signatures.hidden} = 1 THEN 'hidden'
  WHEN ${signatures.status} = 'verified' THEN 'confirmed' ELSE 'pending' END`;

export function growthStore(db: Database): GrowthStore {
  return {
    async growth(letterId, recentFrom) {
      const from = recentFrom.getTime();
      // One pass over the letter's signatures makes both the days and the recent hours.
      // Whole days and hours: a bound number may arrive as a REAL, so the quotients are cast.
      const day = sql<number>`CAST(${signatures.createdAt} / ${DAY_MS} AS INTEGER)`;
      const hour = sql<number | null>`CASE WHEN ${signatures.createdAt} >= ${from} THEN CAST((${signatures.createdAt} - ${from}) / ${HOUR_MS} AS INTEGER) END`;
      const [counts, sources, expired] = await db.batch([
        db
          .select({
            day: day.as('day'),
            hour: hour.as('hour'),
            kind: KIND.as('kind'),
            signatures: sql<number>`COUNT(*)`,
            everConfirmed: sql<number>`SUM(${signatures.verifiedAt} IS NOT NULL)`,
          })
          .from(signatures)
          .where(eq(signatures.letterId, letterId))
          .groupBy(sql`day`, sql`hour`, sql`kind`),
        db
          .select({ day: signingSources.day, source: signingSources.source, signings: signingSources.signings })
          .from(signingSources)
          .where(eq(signingSources.letterId, letterId))
          .orderBy(desc(signingSources.day), asc(signingSources.source)),
        db.select({ expired: expiredSignings.expired }).from(expiredSignings).where(eq(expiredSignings.letterId, letterId)),
      ]);
      return {
        counts: counts.map((row) => ({
          day: Number(row.day),
          hour: row.hour === null ? null : Number(row.hour),
          kind: row.kind,
          signatures: Number(row.signatures),
          everConfirmed: Number(row.everConfirmed),
        })),
        sources: sources.map((row) => ({ ...row, source: row.source as SigningSource })),
        expired: expired[0]?.expired ?? 0,
      };
    },
  };
}
