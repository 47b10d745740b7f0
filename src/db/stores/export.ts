import { count } from 'drizzle-orm';
import type { ExportStore } from '../../domain/store.ts';
import type { Database } from '../database.ts';
import { signatures } from '../schema.ts';
import { exportConditions } from './signature-filters.ts';

/** The size of an export; its pages are raw (see raw/export-page.ts). */
export function exportStore(db: Database): Omit<ExportStore, 'exportPage'> {
  return {
    async exportSize(letterId, filter) {
      const [row] = await db.select({ n: count() }).from(signatures).where(exportConditions(letterId, filter));
      return row?.n ?? 0;
    },
  };
}
