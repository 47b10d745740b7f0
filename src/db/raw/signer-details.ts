import type { SignerDetails } from '../../domain/entities.ts';
import type { Row } from '../sql-batch.ts';

/** The signer's details of a row of the raw statements, which select them under their column names. */
export function signerDetailsOf(row: Row): SignerDetails {
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
