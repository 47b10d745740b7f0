import { ServiceError } from './errors.ts';
import { letterClosed } from './letters.ts';
import type { KeptChoices, Store, TokenSubject } from './store.ts';
import { isWellFormedLinkToken, linkTokenKey } from './tokens.ts';

export type Confirmation = { state: 'ready' | 'confirmed' | 'already_confirmed'; subject: TokenSubject };

/** What a confirm link leads to, without changing anything (mail scanners open links). */
export async function inspectConfirmation(store: Store, token: string, now: Date): Promise<Confirmation> {
  const subject = isWellFormedLinkToken(token) ? await store.tokenSubject(await linkTokenKey(token), 'verify') : undefined;
  if (subject?.status === 'verified') return { state: 'already_confirmed', subject };
  return { state: 'ready', subject: pendingAndLive(subject, now) };
}

/**
 * Confirms the signature behind a confirm link, with what that link's own mail and page showed: the
 * person confirming may take back being listed or showing their domain (`keep`), never add either.
 * Confirming twice counts once.
 */
export async function confirmSignature(
  store: Store,
  token: string,
  now: Date,
  keep: KeptChoices = { listed: true, domain: true },
): Promise<Confirmation> {
  if (!isWellFormedLinkToken(token)) throw gone();
  const { confirmed, subject } = await store.confirm(await linkTokenKey(token), now, keep);
  if (subject?.status === 'verified') return { state: confirmed ? 'confirmed' : 'already_confirmed', subject };
  pendingAndLive(subject, now);
  throw gone();
}

function pendingAndLive(subject: TokenSubject | undefined, now: Date): TokenSubject {
  if (!subject || subject.status !== 'pending') throw gone();
  if (subject.expiresAt && subject.expiresAt <= now) throw gone();
  if (subject.letter.state !== 'open') throw letterClosed();
  return subject;
}

function gone() {
  return new ServiceError(
    'token_gone',
    'This confirmation link is not valid or has expired. Sign the letter again to get a new one.',
  );
}
