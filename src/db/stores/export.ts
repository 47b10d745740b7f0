import { and, asc, count, gt } from 'drizzle-orm';
import type { ExportStore } from '../../domain/store.ts';
import type { Database } from '../database.ts';
import { signatures } from '../schema.ts';
import { adminSignatureColumns } from './moderation.ts';
import { exportConditions } from './signature-filters.ts';

export function exportStore(db: Database): ExportStore {
  return {
    exportPage: (letterId, filter, after, limit) =>
      db
        .select({ ...adminSignatureColumns, signatoryNumber: signatures.signatoryNumber, lang: signatures.lang })
        .from(signatures)
        .where(and(exportConditions(letterId, filter), gt(signatures.id, after)))
        .orderBy(asc(signatures.id))
        .limit(limit),

    async exportSize(letterId, filter) {
      const [row] = await db.select({ n: count() }).from(signatures).where(exportConditions(letterId, filter));
      return row?.n ?? 0;
    },
  };
}
