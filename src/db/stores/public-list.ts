import { and, desc, eq, sql } from 'drizzle-orm';
import type { ModerationStore } from '../../domain/store.ts';
import type { Database } from '../database.ts';
import { signatures } from '../schema.ts';
import { searchCondition } from './signature-filters.ts';

// Literal, not bound, so SQLite can prove the partial index `signatures_public_list` applies.
const PUBLIC = sql`${signatures.status} = 'verified' AND ${signatures.hidden} = 0 AND ${signatures.listed} = 1`;

export function publicListStore(db: Database): Pick<ModerationStore, 'publicSignatures'> {
  return {
    async publicSignatures(letterId, { after, query, limit }) {
      const rows = await db
        .select({
          id: signatures.id,
          name: signatures.name,
          title: signatures.title,
          organisation: signatures.organisation,
          city: signatures.city,
          notable: signatures.notable,
          verifiedAt: signatures.verifiedAt,
        })
        .from(signatures)
        .where(
          and(
            eq(signatures.letterId, letterId),
            PUBLIC,
            after &&
              sql`(${signatures.notable}, ${signatures.verifiedAt}, ${signatures.id}) < (${after.notable ? 1 : 0}, ${after.verifiedAt.getTime()}, ${after.id})`,
            searchCondition(query, [signatures.name, signatures.organisation]),
          ),
        )
        .orderBy(desc(signatures.notable), desc(signatures.verifiedAt), desc(signatures.id))
        .limit(limit);
      return rows.map(({ id, notable, verifiedAt, ...shown }) => ({
        ...shown,
        position: { notable, verifiedAt: verifiedAt!, id },
      }));
    },
  };
}
