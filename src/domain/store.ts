/**
 * What the domain needs from storage. Every method that changes state is one atomic statement or one
 * batch on the database side, so the implementation runs on D1 as well as on libSQL.
 */
export interface Store {
  openLetters(): Promise<Letter[]>;
  letterBySlug(slug: string): Promise<Letter | undefined>;

  /**
   * Writes a signing request: a new pending signature (unless the letter already has one for this
   * email key), and, if the address is still within its mail allowance, fresh tokens and a mail job.
   */
  recordSigning(signing: NewSigning): Promise<{ mailQueued: boolean }>;
  /** The signature a token belongs to, or undefined for an unknown token. */
  tokenSubject(tokenHash: string, purpose: TokenPurpose): Promise<TokenSubject | undefined>;
  /** Confirms the pending signature of a live verify token; `confirmed` is false if nothing changed. */
  confirm(tokenHash: string, now: Date): Promise<{ confirmed: boolean; subject?: TokenSubject }>;
  /** Withdraws a signature and erases its personal data; `withdrawn` is false if nothing changed. */
  withdraw(tokenHash: string, now: Date): Promise<{ withdrawn: boolean; subject?: TokenSubject }>;

  /** Claims up to `limit` due mail jobs until `leaseUntil`, counting an attempt for each. */
  claimMail(now: Date, leaseUntil: Date, limit: number): Promise<MailJob[]>;
  mailSent(jobId: number): Promise<void>;
  /** Records a failed attempt: to be retried at `retryAt`, or given up on (and its raw tokens dropped). */
  mailFailed(jobId: number, error: string, next: { retryAt: Date } | { gaveUpAt: Date }): Promise<void>;
  /** Mail jobs not yet sent and not given up on. */
  outboxBacklog(): Promise<number>;
}

export type LetterState = 'draft' | 'open' | 'closed';
export type SignatureStatus = 'pending' | 'verified' | 'withdrawn';
export type TokenPurpose = 'verify' | 'withdraw';

export interface Letter {
  id: number;
  slug: string;
  title: string;
  body: string;
  summary: string | null;
  lang: string;
  state: LetterState;
  signatureCount: number;
  countUpdatedAt: Date;
  updatedAt: Date;
}

/** The raw tokens a mail's links carry; kept with the job only until the mail is out. */
export type MailPayload = { verifyToken?: string; withdrawToken?: string };

export interface NewSigning {
  letterId: number;
  name: string;
  email: string;
  emailKey: string;
  title?: string | undefined;
  organisation?: string | undefined;
  city?: string | undefined;
  listed: boolean;
  lang: string;
  /** Unique to this request: marks the row it queued mail for within the batch. */
  nonce: string;
  verifyTokenHash: string;
  verifyExpiresAt: Date;
  withdrawTokenHash: string;
  payload: MailPayload;
  now: Date;
  mailWindowMs: number;
  mailsPerWindow: number;
}

export interface TokenSubject {
  status: SignatureStatus;
  signatoryNumber: number | null;
  name: string | null;
  listed: boolean;
  expiresAt: Date | null;
  letter: { slug: string; title: string; state: LetterState };
}

export interface MailJob {
  id: number;
  attempts: number;
  payload: MailPayload;
  signature: { status: SignatureStatus; email: string | null; name: string | null; listed: boolean; lang: string };
  letter: { slug: string; title: string };
}
