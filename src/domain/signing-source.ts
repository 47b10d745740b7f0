/**
 * Where a signing came from: the `?src=` tag of the link the signer followed. A closed set, so the
 * counts stay a handful of rows per letter and day and nothing a visitor writes is stored.
 */
export const SIGNING_SOURCES = [
  'direct',
  'other',
  'api',
  'share-telegram',
  'share-whatsapp',
  'share-viber',
  'share-vk',
  'share-facebook',
  'share-x',
  'share-email',
  'share-native',
  'share-link',
  'share-qr',
  'embed-widget',
  'embed-badge',
] as const;
export type SigningSource = (typeof SIGNING_SOURCES)[number];

/** The sources a link may carry; `direct` (no tag, as the sign form also says) and `api` (the JSON API) are not tags. */
export type LinkSource = Exclude<SigningSource, 'direct' | 'api'>;

/** What a `?src=` tag or the sign form's field may say. */
const TAGGED: ReadonlySet<string> = new Set<SigningSource>(SIGNING_SOURCES.filter((source) => source !== 'api'));

/** A `?src=` tag (or the sign form's field) as a source: none is `direct`, one outside the set `other`. */
export function signingSource(tag: string | undefined): SigningSource {
  if (tag === undefined || tag === '') return 'direct';
  return TAGGED.has(tag) ? (tag as SigningSource) : 'other';
}

/** A letter page address with the source it is passed on through. */
export function taggedUrl(url: string, source: LinkSource): string {
  return `${url}${url.includes('?') ? '&' : '?'}src=${source}`;
}

/** The UTC day of a moment, YYYY-MM-DD: the day signings are counted on. */
export const utcDay = (at: Date) => at.toISOString().slice(0, 10);
