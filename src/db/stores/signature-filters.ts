import { and, eq, gte, lt, or, sql, type Column, type SQL } from 'drizzle-orm';
import type { ExportFilter, SignatureState } from '../../domain/store.ts';
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

/** Name, organisation or email containing `query`, case-insensitively, with % and _ taken literally. */
export function searchCondition(query: string | undefined): SQL | undefined {
  if (!query) return undefined;
  const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const like = (column: Column) => sql`${column} LIKE ${pattern} ESCAPE '\\'`;
  return or(like(signatures.name), like(signatures.organisation), like(signatures.email));
}

export function exportConditions(letterId: number, filter: ExportFilter): SQL | undefined {
  return and(
    eq(signatures.letterId, letterId),
    stateCondition(filter.state),
    filter.from && gte(signatures.createdAt, filter.from),
    filter.to && lt(signatures.createdAt, filter.to),
  );
}
