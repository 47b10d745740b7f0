import type { ExportFilter, ExportRow, SignatureStatus } from '../../domain/entities.ts';
import { STATE_ROWS, type SignatureState } from '../../domain/signature-state.ts';
import type { ExportStore } from '../../domain/store.ts';
import type { Row, SqlBatch, Statement } from '../sql-batch.ts';
import { signerDetailsOf } from './signer-details.ts';

// An export reads a whole letter a page at a time: raw for the NOT INDEXED walk below, which the
// query builder cannot write.

/** The rows of a signature state (see STATE_ROWS), as literal SQL: the states are constants. */
function stateSql(state: SignatureState): string {
  const { statuses, hidden } = STATE_ROWS[state];
  const status = `status IN (${statuses.map((s) => `'${s}'`).join(', ')})`;
  return hidden === undefined ? status : `${status} AND hidden = ${hidden ? 1 : 0}`;
}

/**
 * One keyset page of an export, in id order. NOT INDEXED makes SQLite walk the table by id from
 * where the last page ended, so a million-row export reads each row once; through an index on the
 * letter it would sort the whole letter again for every page. (D1 wants exactly the parameters the
 * SQL names, so only the filters in use are bound.)
 */
function pageStatement(letterId: number, filter: ExportFilter, after: number, limit: number): Statement {
  const args: Statement['args'] = [after, letterId, limit];
  const where = ['id > ?1', 'letter_id = ?2'];
  if (filter.state) where.push(stateSql(filter.state));
  if (filter.from) where.push(`created_at >= ?${args.push(filter.from.getTime())}`);
  if (filter.to) where.push(`created_at < ?${args.push(filter.to.getTime())}`);
  const sql = `SELECT id, signatory_number, status, hidden, notable, notable_note, listed, list_threshold, email_domain, name,
                      email, title, organisation, city, lang,
                      created_at, verified_at
               FROM signatures NOT INDEXED WHERE ${where.join(' AND ')} ORDER BY id LIMIT ?3`;
  return { sql, args };
}

export function exportPageStore(batch: SqlBatch): Pick<ExportStore, 'exportPage'> {
  return {
    async exportPage(letterId, filter, after, limit) {
      const [rows] = await batch([pageStatement(letterId, filter, after, limit)]);
      return (rows ?? []).map(exportRow);
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
    ...signerDetailsOf(row),
    email: row.email as string | null,
    lang: row.lang as string,
    createdAt: new Date(Number(row.created_at)),
    verifiedAt: row.verified_at === null ? null : new Date(Number(row.verified_at)),
  };
}
