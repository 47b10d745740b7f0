import { affiliationDomain } from './affiliation.ts';
import { ServiceError } from './errors.ts';
import type { Letter, ListPosition, PublicSignature } from './entities.ts';
import type { Store } from './store.ts';

export const PUBLIC_PAGE_SIZE = 50;
/**
 * A search finds names and organisations that contain its text, through an index of three-character
 * sequences: a shorter text has none and would need a scan of every name, so it is refused.
 */
export const SEARCH_MIN_CHARACTERS = 3;
/** Longer searches are cut: a name or an organisation is not longer. */
export const SEARCH_MAX_CHARACTERS = 100;

/**
 * A search as typed, on the public list or the organizers', without control characters (no name holds one, and the index's query parser
 * takes NUL as the end of the text), trimmed and cut to its longest; undefined for none.
 */
export function searchText(typed: string | undefined): string | undefined {
  const text = (typed ?? '').replace(/[\u0000-\u001F\u007F-\u009F]/g, '').trim();
  return [...text].slice(0, SEARCH_MAX_CHARACTERS).join('') || undefined;
}

/** Whether a search is too short to run (the page asks for more characters; the API answers 400). */
export function searchTooShort(text: string | undefined): boolean {
  return text !== undefined && [...text].length < SEARCH_MIN_CHARACTERS;
}

export interface PublicPage {
  signatures: PublicSignature[];
  /** The cursor of the next page, or null on the last one. */
  next: string | null;
  /** Signers counted but not listed: "and N others". */
  unlisted: number;
  /** Names to be listed once the count reaches the threshold their signers chose. */
  waiting: number;
}

/**
 * A page of the public list: verified, listed, not hidden signatures, notable first, then newest
 * first. Pages are keyset pages, so a signature that arrives while someone pages through the list
 * shows up at its start and never shifts the pages after it.
 */
export async function publicPage(
  store: Store,
  letter: Letter,
  options: { cursor?: string | undefined; query?: string | undefined; limit?: number },
): Promise<PublicPage> {
  const limit = options.limit ?? PUBLIC_PAGE_SIZE;
  const after = options.cursor ? decodeCursor(options.cursor) : undefined;
  const query = searchText(options.query);
  if (searchTooShort(query)) {
    throw new ServiceError('invalid_input', 'Some fields need attention.', {
      q: `Search for at least ${SEARCH_MIN_CHARACTERS} characters.`,
    });
  }
  const [rows, waiting] = await Promise.all([
    store.publicSignatures(letter.id, { limit: limit + 1, ...(after && { after }), ...(query && { query }) }),
    store.waitingForThreshold(letter.id),
  ]);
  // A domain is shown only while it is no free-mail provider's, should the list have grown since.
  const signatures = rows
    .slice(0, limit)
    .map((s) => (s.domain && !isAffiliation(s.domain) ? { ...s, domain: null, domainOrganisation: null } : s));
  const last = signatures[signatures.length - 1];
  return {
    signatures,
    next: rows.length > limit && last ? encodeCursor(last.position) : null,
    unlisted: Math.max(letter.signatureCount - letter.listedCount, 0),
    waiting,
  };
}

/** A domain's verified signers as shown: at least `atLeast` of them, a step of {@link signerBucket}. */
export interface DomainAggregate {
  domain: string;
  organisation: string | null;
  atLeast: number;
}

/**
 * The steps a domain's count is shown in ("5+, 10+, 25+…"): a few mailboxes more or less at a
 * domain do not change what is shown, so an insider cannot watch it move by one colleague.
 */
export function signerBucket(signers: number): number {
  if (signers < 5) return 0;
  let bucket = 5;
  for (let decade = 10; decade <= signers; decade *= 10) {
    for (const step of [1, 2.5, 5]) if (decade * step <= signers) bucket = decade * step;
  }
  return bucket;
}

/**
 * Verified signers per email domain, among those who chose to show theirs: only domains with at
 * least `min` of them, so that a team of three is not singled out, never a free-mail provider's, and
 * only in steps (see signerBucket).
 */
export async function domainAggregates(store: Store, letter: Letter, min: number): Promise<DomainAggregate[]> {
  const counts = await store.domainCounts(letter.id, Math.max(min, 1));
  return counts
    .filter((entry) => isAffiliation(entry.domain))
    .map(({ domain, organisation, signers }) => ({ domain, organisation, atLeast: signerBucket(signers) }))
    .filter((entry) => entry.atLeast > 0);
}

const isAffiliation = (domain: string) => affiliationDomain(`@${domain}`) === domain;

export function encodeCursor(position: ListPosition): string {
  return btoa(`${position.notable ? 1 : 0}.${position.verifiedAt.getTime()}.${position.id}`).replace(/=+$/, '');
}

function decodeCursor(cursor: string): ListPosition {
  let parts: RegExpMatchArray | null = null;
  try {
    parts = atob(cursor).match(/^([01])\.(\d{1,15})\.(\d{1,15})$/);
  } catch {
    // not base64: reported below
  }
  if (!parts) {
    throw new ServiceError('invalid_input', 'Some fields need attention.', { cursor: 'This cursor is not valid; start from the first page.' });
  }
  return { notable: parts[1] === '1', verifiedAt: new Date(Number(parts[2])), id: Number(parts[3]) };
}
