import { ServiceError } from '../domain/errors.ts';
import type { SignatureState } from '../domain/entities.ts';

const STATES = new Set<string>(['pending', 'verified', 'hidden', 'withdrawn']);

/** Query parameters of a signature listing: `state`, `q`, `before` (a cursor) and `limit`. */
export function signatureFilter(query: Record<string, string>) {
  const { state, q, before, limit } = query;
  const fields: Record<string, string> = {};
  if (state && !STATES.has(state)) fields.state = 'State is one of pending, verified, hidden, withdrawn.';
  if (before && !/^\d+$/.test(before)) fields.before = 'Before is a signature id.';
  if (limit && !/^\d+$/.test(limit)) fields.limit = 'Limit is a number.';
  if (Object.keys(fields).length > 0) throw new ServiceError('invalid_input', 'Some fields need attention.', fields);
  return {
    state: state ? (state as SignatureState) : undefined,
    query: q?.trim() || undefined,
    before: before ? Number(before) : undefined,
    limit: Math.min(Math.max(Number(limit ?? 100), 1), 500),
  };
}
