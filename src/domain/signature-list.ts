import type { AdminSignature, Letter, SignatureFilter } from './entities.ts';
import { ServiceError } from './errors.ts';
import { anyLetter } from './letters.ts';
import { searchText } from './signatories.ts';
import { isSignatureState, SIGNATURE_STATES } from './signature-state.ts';
import type { Store } from './store.ts';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 500;

/**
 * The filter of a signature listing from its query parameters: `state`, `q` (a search), `before` (a
 * cursor) and `limit`. An empty parameter is no filter, as the admin page's form sends them.
 */
export function signatureFilter(query: Record<string, string | undefined>): SignatureFilter {
  const { state, q, before, limit } = query;
  const fields: Record<string, string> = {};
  if (state && !isSignatureState(state)) fields.state = `State is one of ${SIGNATURE_STATES.join(', ')}.`;
  if (before && !/^\d+$/.test(before)) fields.before = 'Before is a signature id.';
  if (limit && !/^\d+$/.test(limit)) fields.limit = 'Limit is a number.';
  if (Object.keys(fields).length > 0) throw new ServiceError('invalid_input', 'Some fields need attention.', fields);
  return {
    state: state && isSignatureState(state) ? state : undefined,
    query: searchText(q),
    before: before ? Number(before) : undefined,
    limit: Math.min(Math.max(Number(limit || DEFAULT_LIMIT), 1), MAX_LIMIT),
  };
}

export interface SignatureList {
  letter: Letter;
  filter: SignatureFilter;
  /** Newest first. */
  signatures: AdminSignature[];
  /** The `before` of the next page, or null on the last one. */
  next: string | null;
}

/** A page of a letter's signatures, drafts' too, for organizers: the admin API and pages list by it. */
export async function listSignatures(store: Store, slug: string, query: Record<string, string | undefined>): Promise<SignatureList> {
  const letter = await anyLetter(store, slug);
  const filter = signatureFilter(query);
  const signatures = await store.findSignatures(letter.id, filter);
  const last = signatures.length === filter.limit ? signatures.at(-1) : undefined;
  return { letter, filter, signatures, next: last ? String(last.id) : null };
}
