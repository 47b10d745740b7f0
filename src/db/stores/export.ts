import { count } from 'drizzle-orm';
import type { ExportFilter, ExportRow, SignatureStatus } from '../../domain/entities.ts';
import type { ExportStore } from '../../domain/store.ts';
import type { Database } from '../database.ts';
import { signatures } from '../schema.ts';
import type { Row, SqlBatch, Statement } from '../sql-batch.ts';
import { exportConditions } from './signature-filters.ts';

const STATES: Record<string, string> = {
  pending: "status = 'pending' AND hidden = 0",
  verified: "status = 'verified' AND hidden = 0",
  hidden: 'hidden = 1',
  withdrawn: "status = 'withdrawn'",
};

/**
 * One keyset page of an export, in id order. NOT INDEXED makes SQLite walk the table by id from
 * where the last page ended, so a million-row export reads each row once; through an index on the
 * letter it would sort the whole letter again for every page. (D1 wants exactly the parameters the
 * SQL names, so only the filters in use are bound.)
 */
function pageStatement(letterId: number, filter: ExportFilter, after: number, limit: number): Statement {
  const args: Statement['args'] = [after, letterId, limit];
  const where = ['id > ?1', 'letter_id = ?2'];
  if (filter.state) where.push(STATES[filter.state]!);
  if (filter.from) where.push(`created_at >= ?${args.push(filter.from.getTime())}`);
  if (filter.to) where.push(`created_at < ?${args.push(filter.to.getTime())}`);
  const sql = `SELECT id, signatory_number, status, hidden, notable, notable_note, listed, list_threshold, email_domain, name,
                      email, title, organisation, city, lang,
                      created_at, verified_at
               FROM signatures NOT INDEXED WHERE ${where.join(' AND ')} ORDER BY id LIMIT ?3`;
  return { sql, args };
}

export function exportStore(db: Database, batch: SqlBatch): ExportStore {
  return {
    async exportPage(letterId, filter, after, limit) {
      const [rows] = await batch([pageStatement(letterId, filter, after, limit)]);
      return (rows ?? []).map(exportRow);
    },

    async exportSize(letterId, filter) {
      const [row] = await db.select({ n: count() }).from(signatures).where(exportConditions(letterId, filter));
      return row?.n ?? 0;
    },
  };
}

function exportRow(row: Row): ExportRow {
  return {
    id: Number(row.id),
    signatoryNumber: row.signatory_number === null ? null : Number(row.signatory_number),
    status: row.status as SignatureStatus,
    hidden: Boolean(row.hidden),
    notable: Boolean(row.notable),
    notableNote: row.notable_note as string | null,
    listed: Boolean(row.listed),
    listThreshold: row.list_threshold === null ? null : Number(row.list_threshold),
    emailDomain: row.email_domain as string | null,
    name: row.name as string | null,
    email: row.email as string | null,
    title: row.title as string | null,
    organisation: row.organisation as string | null,
    city: row.city as string | null,
    lang: row.lang as string,
    createdAt: new Date(Number(row.created_at)),
    verifiedAt: row.verified_at === null ? null : new Date(Number(row.verified_at)),
  };
}
