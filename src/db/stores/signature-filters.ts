import { and, eq, gte, lt, or, sql, type Column, type SQL } from 'drizzle-orm';
import type { ExportFilter, SignatureState } from '../../domain/entities.ts';
import { signatures } from '../schema.ts';

/** The rows of a signature state as organizers see them. */
export function stateCondition(state: SignatureState | undefined): SQL | undefined {
  switch (state) {
    case undefined:
      return undefined;
    case 'hidden':
      return eq(signatures.hidden, true);
    case 'withdrawn':
      return eq(signatures.status, 'withdrawn');
    default:
      return and(eq(signatures.status, state), eq(signatures.hidden, false));
  }
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
