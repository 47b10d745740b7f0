import { z } from 'zod';

/** Where a signature stands in its own life: asked for, confirmed, taken back. */
export type SignatureStatus = 'pending' | 'verified' | 'withdrawn';

/** The listing status: what organizers list, filter and export signatures by. */
export const LISTING_STATUSES = ['pending', 'verified', 'hidden', 'withdrawn'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

/**
 * The rows each listing status stands for, the one definition the admin listing, the export and
 * their SQL share. Every row has one: a withdrawn one is `withdrawn`, hidden or not (the signer's act
 * is final and took their details), a hidden one otherwise `hidden`, any other its stored status.
 */
export const LISTING_STATUS_ROWS: Record<ListingStatus, { statuses: SignatureStatus[]; hidden?: boolean }> = {
  pending: { statuses: ['pending'], hidden: false },
  verified: { statuses: ['verified'], hidden: false },
  hidden: { statuses: ['pending', 'verified'], hidden: true },
  withdrawn: { statuses: ['withdrawn'] },
};

/** The listing status of a row, as {@link LISTING_STATUS_ROWS} defines it; the listing and the export show it. */
export function listingStatusOf(row: { status: SignatureStatus; hidden: boolean }): ListingStatus {
  if (row.status === 'withdrawn') return 'withdrawn';
  return row.hidden ? 'hidden' : row.status;
}

export function isListingStatus(value: string): value is ListingStatus {
  return (LISTING_STATUSES as readonly string[]).includes(value);
}

/** A zod schema for a listing status, refused in words that name the field. */
export function listingStatus(label: string) {
  return z.enum(LISTING_STATUSES, { error: `${label} is one of ${LISTING_STATUSES.join(', ')}.` });
}
