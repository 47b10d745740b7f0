import { ServiceError } from './errors.ts';
import type { TokenSubject } from './entities.ts';
import type { LinkDeps } from './sign.ts';
import { isWellFormedLinkToken, linkTokenKey } from './tokens.ts';

export type Withdrawal = { state: 'ready' | 'withdrawn' | 'already_withdrawn'; subject: TokenSubject };

/** What a withdraw link leads to, without changing anything. */
export async function inspectWithdrawal({ store, hashing }: LinkDeps, token: string): Promise<Withdrawal> {
  const subject = isWellFormedLinkToken(token) ? await store.tokenSubject(await linkTokenKey(hashing, token), 'withdraw') : undefined;
  if (!subject) throw gone();
  return { state: subject.status === 'withdrawn' ? 'already_withdrawn' : 'ready', subject };
}

/** Withdraws the signature behind a withdraw link and erases its personal data; the count follows. */
export async function withdrawSignature({ store, hashing }: LinkDeps, token: string, now: Date): Promise<Withdrawal> {
  if (!isWellFormedLinkToken(token)) throw gone();
  const { withdrawn, subject } = await store.withdraw(await linkTokenKey(hashing, token), now);
  if (!subject) throw gone();
  return { state: withdrawn ? 'withdrawn' : 'already_withdrawn', subject };
}

function gone() {
  return new ServiceError('token_gone', 'This withdrawal link is not valid.');
}
