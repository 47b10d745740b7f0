import type { RequestDetails } from '../../domain/entities.ts';
import type { Row } from '../sql-batch.ts';

// What the raw statements that show a request's details share (signing.ts, outbox-claim.ts).

/**
 * A signature's details as a verify token `t` gives them: the token's own request's while it holds
 * them (its `name` is set then, as every request has one), else the signature's (a withdraw link, a
 * used confirm link, or one made before tokens carried their request).
 */
export const requestDetail = (column: string, signature: string) =>
  `CASE WHEN t.name IS NULL THEN ${signature}.${column} ELSE t.${column} END`;

/** The details a mail and a confirm page show, as SELECT columns. */
export const requestDetailColumns = (signature: string, columns: string[]) =>
  columns.map((column) => `${requestDetail(column, signature)} AS ${column}`).join(', ');

/** The details of a row that selected {@link requestDetailColumns}. */
export function requestDetailsOf(row: Row): RequestDetails {
  return {
    name: row.name as string | null,
    title: row.title as string | null,
    organisation: row.organisation as string | null,
    city: row.city as string | null,
    listed: Boolean(row.listed),
    listThreshold: row.list_threshold === null ? null : Number(row.list_threshold),
    emailDomain: row.email_domain as string | null,
  };
}
