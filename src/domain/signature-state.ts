import { z } from 'zod';
import type { SignatureStatus } from './store.ts';

/** The states organizers list, filter and export signatures by. */
export const SIGNATURE_STATES = ['pending', 'verified', 'hidden', 'withdrawn'] as const;
export type SignatureState = (typeof SIGNATURE_STATES)[number];

/**
 * The rows each state stands for, the one definition the admin listing, the export and their SQL
 * share: `pending` and `verified` are the rows of that status that are not hidden, `hidden` is every
 * hidden row whatever its status, and `withdrawn` every withdrawn row, hidden or not.
 */
export const STATE_ROWS: Record<SignatureState, { status?: SignatureStatus; hidden?: boolean }> = {
  pending: { status: 'pending', hidden: false },
  verified: { status: 'verified', hidden: false },
  hidden: { hidden: true },
  withdrawn: { status: 'withdrawn' },
};

/** The state a row is shown and exported with: a hidden row is `hidden`, any other its status. */
export function signatureStateOf(row: { status: SignatureStatus; hidden: boolean }): SignatureState {
  return row.hidden ? 'hidden' : row.status;
}

export function isSignatureState(value: string): value is SignatureState {
  return (SIGNATURE_STATES as readonly string[]).includes(value);
}

/** A zod schema for a state, refused in words that name the field (`State`, `Status`). */
export function signatureState(label: string) {
  return z.enum(SIGNATURE_STATES, { error: `${label} is one of ${SIGNATURE_STATES.join(', ')}.` });
}
