import { z } from 'zod';

/** Where a signature stands in its own life: asked for, confirmed, taken back. */
export type SignatureStatus = 'pending' | 'verified' | 'withdrawn';

/** The states organizers list, filter and export signatures by. */
export const SIGNATURE_STATES = ['pending', 'verified', 'hidden', 'withdrawn'] as const;
export type SignatureState = (typeof SIGNATURE_STATES)[number];

/**
 * The rows each state stands for, the one definition the admin listing, the export and their SQL
 * share. Every row is in one state: a withdrawn one is `withdrawn`, hidden or not (the signer's act
 * is final and took their details), a hidden one otherwise `hidden`, any other its status.
 */
export const STATE_ROWS: Record<SignatureState, { statuses: SignatureStatus[]; hidden?: boolean }> = {
  pending: { statuses: ['pending'], hidden: false },
  verified: { statuses: ['verified'], hidden: false },
  hidden: { statuses: ['pending', 'verified'], hidden: true },
  withdrawn: { statuses: ['withdrawn'] },
};

/** The state of a row, as {@link STATE_ROWS} defines it; the listing and the export show it. */
export function signatureStateOf(row: { status: SignatureStatus; hidden: boolean }): SignatureState {
  if (row.status === 'withdrawn') return 'withdrawn';
  return row.hidden ? 'hidden' : row.status;
}

export function isSignatureState(value: string): value is SignatureState {
  return (SIGNATURE_STATES as readonly string[]).includes(value);
}

/** A zod schema for a state, refused in words that name the field (`State`, `Status`). */
export function signatureState(label: string) {
  return z.enum(SIGNATURE_STATES, { error: `${label} is one of ${SIGNATURE_STATES.join(', ')}.` });
}
