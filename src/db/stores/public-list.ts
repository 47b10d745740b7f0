import { and, desc, eq, sql } from 'drizzle-orm';
import type { ModerationStore } from '../../domain/store.ts';
import type { Database } from '../database.ts';
import { domainOrganisations, letters, signatures } from '../schema.ts';
import { searchCondition } from './signature-filters.ts';

// Literal, not bound, so SQLite can prove the partial indexes `signatures_public_list` and
// `signatures_waiting` apply.
const PUBLIC = sql`${signatures.status} = 'verified' AND ${signatures.hidden} = 0 AND ${signatures.listed} = 1`;
// The count as it stands in this same read, so a name waiting for its threshold is never shown a
// moment early (a cached count could still be above it just after a withdrawal).
const count = sql`(SELECT ${letters.signatureCount} FROM ${letters} WHERE ${letters.id} = ${signatures.letterId})`;

export function publicListStore(db: Database): Pick<ModerationStore, 'publicSignatures' | 'waitingForThreshold'> {
  return {
    async publicSignatures(letterId, { after, query, limit }) {
      const rows = await db
        .select({
          id: signatures.id,
          name: signatures.name,
          title: signatures.title,
          organisation: signatures.organisation,
          city: signatures.city,
          domain: signatures.emailDomain,
          domainOrganisation: domainOrganisations.organisation,
          notable: signatures.notable,
          notableNote: signatures.notableNote,
          verifiedAt: signatures.verifiedAt,
        })
        .from(signatures)
        .leftJoin(domainOrganisations, eq(domainOrganisations.domain, signatures.emailDomain))
        .where(
          and(
            eq(signatures.letterId, letterId),
            PUBLIC,
            sql`(${signatures.listThreshold} IS NULL OR ${signatures.listThreshold} <= ${count})`,
            after &&
              sql`(${signatures.notable}, ${signatures.verifiedAt}, ${signatures.id}) < (${after.notable ? 1 : 0}, ${after.verifiedAt.getTime()}, ${after.id})`,
            searchCondition(query, [signatures.name, signatures.organisation]),
          ),
        )
        .orderBy(desc(signatures.notable), desc(signatures.verifiedAt), desc(signatures.id))
        .limit(limit);
      return rows.map(({ id, notable, verifiedAt, notableNote, ...shown }) => ({
        ...shown,
        // Never a note without the mark: an unmarked signature shows nothing of a past vetting.
        notableNote: notable ? notableNote : null,
        position: { notable, verifiedAt: verifiedAt!, id },
      }));
    },

    async waitingForThreshold(letterId) {
      const [row] = await db
        .select({ n: sql<number>`count(*)` })
        .from(signatures)
        .where(
          and(
            eq(signatures.letterId, letterId),
            PUBLIC,
            sql`${signatures.listThreshold} IS NOT NULL AND ${signatures.listThreshold} > ${count}`,
          ),
        );
      return Number(row?.n ?? 0);
    },
  };
}
