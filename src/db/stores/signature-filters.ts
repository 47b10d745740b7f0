import { and, eq, gte, inArray, lt, or, sql, type Column, type SQL } from 'drizzle-orm';
import type { ExportFilter } from '../../domain/entities.ts';
import { STATE_ROWS, type SignatureState } from '../../domain/signature-state.ts';
import { signatures } from '../schema.ts';

/** The rows of a signature state (see STATE_ROWS). */
export function stateCondition(state: SignatureState | undefined): SQL | undefined {
  if (!state) return undefined;
  const { statuses, hidden } = STATE_ROWS[state];
  return and(inArray(signatures.status, statuses), hidden !== undefined ? eq(signatures.hidden, hidden) : undefined);
}

/**
 * One of `columns` (by default name, organisation and email) containing `query`, ignoring case, with
 * % and _ taken literally.
 */
export function searchCondition(
  query: string | undefined,
  columns: Column[] = [signatures.name, signatures.organisation, signatures.email],
): SQL | undefined {
  if (!query) return undefined;
  const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return or(...columns.map((column) => sql`${column} LIKE ${pattern} ESCAPE '\\'`));
}

export function exportConditions(letterId: number, filter: ExportFilter): SQL | undefined {
  return and(
    eq(signatures.letterId, letterId),
    stateCondition(filter.state),
    filter.from && gte(signatures.createdAt, filter.from),
    filter.to && lt(signatures.createdAt, filter.to),
  );
}
