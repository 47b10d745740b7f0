import { affiliationDomain } from './affiliation.ts';
import { canonicalEmail, mailboxOf } from './canonical-email.ts';
import { ServiceError } from './errors.ts';
import { isOpen, letterClosed, publicLetter } from './letters.ts';
import { thresholdGroup } from './list-release.ts';
import type { RateLimits } from './rate-limits.ts';
import { formFieldProblems, SignInput } from './sign-input.ts';
import type { SigningSource } from './signing-source.ts';
import type { Store } from './store.ts';
import { linkTokenKey, newLinkToken, newToken, type Hashing } from './tokens.ts';
import { parseInput } from './validation.ts';

const HOUR = 60 * 60 * 1000;
export const CONFIRM_TOKEN_TTL_MS = 7 * 24 * HOUR;
/** At most this many mails go to one address about one letter per window, whoever asks for them. */
export const MAILS_PER_WINDOW = 3;
export const MAIL_WINDOW_MS = 24 * HOUR;

/** What the verbs of a signature's links (sign, confirm, withdraw) store and find link tokens with. */
export interface LinkDeps {
  store: Store;
  hashing: Hashing;
}

export interface SignDeps extends LinkDeps {
  limits: RateLimits;
  now: () => Date;
  /** Keyed hash of a canonical email: the dedup key that is stored instead of the address. */
  emailKey: (canonical: string) => Promise<string>;
  /** Keyed hash of an email domain: counts signatures per domain (see thresholdGroup) without storing which. */
  domainKey: (domain: string) => Promise<string>;
  /** Mails one mailbox may get per window about all letters together, whatever variant of it is used. */
  mailsPerMailbox: number;
}

/**
 * Takes a signing request. Its outcome is deliberately invisible to the caller: whether the email is
 * new, pending or already verified, the answer is the same, and only the mail sent to that address
 * (a confirmation link, or "you have already signed") tells them apart. Nothing about the address
 * limits the answer either: repeated requests for one address are bounded by its mail allowances in
 * the database, which change what is mailed, never what is answered. A new signature counts once for
 * its `source`, in aggregate per day only.
 */
export async function sign(deps: SignDeps, slug: string, body: unknown, source: SigningSource): Promise<{ mailQueued: boolean }> {
  const letter = await publicLetter(deps.store, slug);
  const input = parseInput(SignInput, body);
  const problems = formFieldProblems(letter, input);
  if (Object.keys(problems).length > 0) throw new ServiceError('invalid_input', 'Some fields need attention.', problems);
  const now = deps.now();
  if (!isOpen(letter, now)) throw letterClosed();
  deps.limits.take('signPerLetter', String(letter.id));
  const canonical = canonicalEmail(input.email);
  const domain = affiliationDomain(canonical);
  const group = thresholdGroup(canonical);
  const confirmToken = newLinkToken(now);
  const withdrawToken = newLinkToken(now);
  return deps.store.recordSigning({
    letterId: letter.id,
    email: input.email,
    emailKey: await deps.emailKey(canonical),
    mailboxKey: await deps.emailKey(mailboxOf(canonical)),
    domainKey: group && (await deps.domainKey(group)),
    details: {
      name: input.name,
      title: input.title,
      organisation: input.organisation,
      city: input.city,
      listed: input.listed,
      listThreshold: input.listAt,
      emailDomain: input.showDomain ? domain : undefined,
      lang: input.lang ?? letter.lang,
    },
    nonce: newToken(),
    confirmTokenHash: await linkTokenKey(deps.hashing, confirmToken),
    confirmExpiresAt: new Date(now.getTime() + CONFIRM_TOKEN_TTL_MS),
    withdrawTokenHash: await linkTokenKey(deps.hashing, withdrawToken),
    payload: { confirmToken, withdrawToken },
    source,
    now,
    mailWindowMs: MAIL_WINDOW_MS,
    mailsPerWindow: MAILS_PER_WINDOW,
    mailsPerMailbox: deps.mailsPerMailbox,
  });
}
