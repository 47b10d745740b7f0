import { ServiceError } from './errors.ts';
import type { FormFields } from './letter-input.ts';
import { isOpen, letterClosed } from './letters.ts';
import { ConfirmInput, optionalFieldProblems } from './sign-input.ts';
import type { ConfirmedDetails, KeptChoices, TokenSubject } from './entities.ts';
import type { LinkDeps } from './sign.ts';
import type { Store } from './store.ts';
import { isWellFormedLinkToken, linkTokenKey } from './tokens.ts';
import { parseInput } from './validation.ts';

export type Confirmation = {
  outcome: 'ready' | 'confirmed' | 'already_confirmed';
  subject: TokenSubject;
  /** While ready: the letter's form fields, the details the page lets the signer correct. */
  formFields?: FormFields;
};

/** What a confirm link leads to, without changing anything (mail scanners open links). */
export async function inspectConfirmation({ store, hashing }: LinkDeps, token: string, now: Date): Promise<Confirmation> {
  const subject = isWellFormedLinkToken(token) ? await store.tokenSubject(await linkTokenKey(hashing, token), 'confirm') : undefined;
  if (subject?.status === 'verified') return { outcome: 'already_confirmed', subject };
  const ready = pendingAndLive(subject, now);
  const letter = await store.letterBySlug(ready.letter.slug);
  return { outcome: 'ready', subject: ready, formFields: letter?.formFields ?? {} };
}

/** What the person confirming chose on the page; `details` as the form sent them, checked here. */
export type ConfirmChoices = Omit<KeptChoices, 'details'> & { details?: unknown };

/**
 * Confirms the signature behind a confirm link, with what that link's own mail and page showed: the
 * person confirming may take back being listed or showing their domain, never add either, and may
 * correct the details (by the rules of signing), so that a stranger who used up the address's mail
 * with requests of their own making cannot decide what is published under it. Confirming twice
 * counts once.
 */
export async function confirmSignature(
  { store, hashing }: LinkDeps,
  token: string,
  now: Date,
  choices: ConfirmChoices = { listed: true, domain: true },
): Promise<Confirmation> {
  if (!isWellFormedLinkToken(token)) throw gone();
  const hash = await linkTokenKey(hashing, token);
  const details = choices.details === undefined ? undefined : await corrected(store, hash, choices.details, now);
  const { confirmed, subject } = await store.confirm(hash, now, { listed: choices.listed, domain: choices.domain, details });
  if (subject?.status === 'verified') return { outcome: confirmed ? 'confirmed' : 'already_confirmed', subject };
  pendingAndLive(subject, now);
  throw gone();
}

/** The corrected details, checked as a signing's are; undefined when the link confirms nothing now. */
async function corrected(store: Store, hash: string, sent: unknown, now: Date): Promise<ConfirmedDetails | undefined> {
  const subject = await store.tokenSubject(hash, 'confirm');
  if (subject?.status !== 'pending') return undefined;
  const details = parseInput(ConfirmInput, sent);
  const letter = await store.letterBySlug(pendingAndLive(subject, now).letter.slug);
  const problems = letter ? optionalFieldProblems(letter.formFields, details) : {};
  if (Object.keys(problems).length > 0) throw new ServiceError('invalid_input', 'Some fields need attention.', problems);
  return details;
}

function pendingAndLive(subject: TokenSubject | undefined, now: Date): TokenSubject {
  if (!subject || subject.status !== 'pending') throw gone();
  if (subject.expiresAt && subject.expiresAt <= now) throw gone();
  if (!isOpen(subject.letter, now)) throw letterClosed();
  return subject;
}

function gone() {
  return new ServiceError(
    'token_gone',
    'This confirmation link is not valid or has expired. Sign the letter again to get a new one.',
  );
}
