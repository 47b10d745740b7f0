import type { FormFields, LetterInput, LetterPatch, Translation } from './letter-input.ts';
import type { SignatureState } from './signature-state.ts';

/**
 * What the domain needs from storage. Every method that changes state is one atomic statement or one
 * batch on the database side, so the implementation runs on D1 as well as on libSQL. A method that
 * acts for an organizer writes its audit log entry in the same batch.
 */
export interface Store
  extends LetterStore,
    SigningStore,
    MailStore,
    PurgeStore,
    OrganizerStore,
    ModerationStore,
    AffiliationStore,
    ListReleaseStore,
    ExportStore {}

export interface LetterStore {
  openLetters(): Promise<Letter[]>;
  allLetters(): Promise<Letter[]>;
  letterBySlug(slug: string): Promise<Letter | undefined>;
  translations(letterId: number): Promise<(Translation & { lang: string })[]>;
  /** Creates a letter with its translations; 'slug_taken' if another letter has the slug. */
  createLetter(input: LetterInput, actor: Actor, now: Date): Promise<Letter | 'slug_taken'>;
  updateLetter(letterId: number, patch: LetterPatch, actor: Actor, now: Date): Promise<Letter | 'slug_taken'>;
  /** Letters whose stored count differs from the rows it counts. */
  countMismatches(): Promise<CountMismatch[]>;
  /** Sets a letter's stored count to the rows it counts, and logs the repair. */
  repairCount(letterId: number, actor: Actor, now: Date): Promise<void>;
}

export interface SigningStore {

  /**
   * Writes a signing request: a new pending signature (unless the letter already has one for this
   * email key), and, if the address is still within its mail allowance, fresh tokens and a mail job.
   */
  recordSigning(signing: NewSigning): Promise<{ mailQueued: boolean }>;
  /** The signature a token belongs to, or undefined for an unknown token. */
  tokenSubject(tokenHash: string, purpose: TokenPurpose): Promise<TokenSubject | undefined>;
  /**
   * Confirms the pending signature of a live verify token with the details of the request the token
   * was made for, less what `keep` takes back; `confirmed` is false if nothing changed.
   */
  confirm(tokenHash: string, now: Date, keep: KeptChoices): Promise<{ confirmed: boolean; subject?: TokenSubject }>;
  /** Withdraws a signature and erases its personal data; `withdrawn` is false if nothing changed. */
  withdraw(tokenHash: string, now: Date): Promise<{ withdrawn: boolean; subject?: TokenSubject }>;
}

export interface MailStore {
  /** Claims up to `limit` due mail jobs until `leaseUntil`, counting an attempt for each. */
  claimMail(now: Date, leaseUntil: Date, limit: number): Promise<MailJob[]>;
  /** Deletes the jobs whose mail has gone. */
  mailSent(jobIds: number[]): Promise<void>;
  /** Records a failed attempt: to be retried at `retryAt`, or given up on (and its raw tokens dropped). */
  mailFailed(jobId: number, error: string, next: { retryAt: Date } | { gaveUpAt: Date }): Promise<void>;
  /** Mail jobs not yet sent and not given up on. */
  outboxBacklog(): Promise<number>;
}

export interface PurgeStore {
  /**
   * Deletes what is no longer needed: pending signatures whose confirm links have all expired (with
   * their tokens and mail), signers' email addresses on letters closed longer than their
   * anonymise-after days, and expired admin sessions.
   */
  purge(now: Date): Promise<{ unverified: number; anonymised: number }>;
}

export interface OrganizerStore {
  createOrganizer(name: string, tokenHash: string, actor: Actor, now: Date): Promise<Organizer>;
  organizers(): Promise<(Organizer & { createdAt: Date; revokedAt: Date | null })[]>;
  /** Revokes a token and ends its sessions; false if there is no such active organizer. */
  revokeOrganizer(id: number, actor: Actor, now: Date): Promise<boolean>;
  /** The active (not revoked) organizer whose token has this hash. */
  organizerByTokenHash(tokenHash: string): Promise<(Organizer & { tokenHash: string }) | undefined>;
  /** Stores a new session (and drops the expired ones). */
  createSession(tokenHash: string, organizerId: number, expiresAt: Date, now: Date): Promise<void>;
  /** The active organizer of an unexpired session. */
  sessionOrganizer(tokenHash: string, now: Date): Promise<Organizer | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
}

export interface ModerationStore {
  /** Signatures of a letter for organizers, newest first, `limit` at a time before the id `before`. */
  findSignatures(letterId: number, filter: SignatureFilter): Promise<AdminSignature[]>;
  /** Applies the change to the given signatures of the letter; returns how many changed. */
  moderate(letterId: number, ids: number[], change: ModerationChange, actor: Actor, now: Date): Promise<number>;
  /**
   * The public list: verified, listed, not hidden signatures whose listing threshold (if any) the
   * letter's count has reached; notable first, then newest first; `limit` of them after the position
   * `after`, optionally only those whose name or organisation contains `query`.
   */
  publicSignatures(letterId: number, page: { after?: ListPosition; query?: string; limit: number }): Promise<PublicSignature[]>;
  /** Listed signatures whose threshold the letter's count has not reached yet. */
  waitingForThreshold(letterId: number): Promise<number>;
  auditLog(filter: { letterId?: number; limit: number }): Promise<AuditEntry[]>;
  recordAudit(entry: Omit<AuditEntry, 'id' | 'letter'> & { letterId: number | null }): Promise<void>;
}

export interface AffiliationStore {
  /** Verified signers per shown domain, for domains with at least `min` of them, most first. */
  domainCounts(letterId: number, min: number): Promise<DomainCount[]>;
  domainOrganisations(): Promise<DomainOrganisation[]>;
  /** Names the organisation behind a domain, or with `organisation` null forgets it. */
  setDomainOrganisation(domain: string, organisation: string | null, actor: Actor, now: Date): Promise<void>;
}

export interface ListReleaseStore {
  /** Letters that are not drafts and offer listing thresholds. */
  lettersWithThresholds(): Promise<Pick<Letter, 'id' | 'listThresholds' | 'listDelayHours'>[]>;
  /**
   * For each cap, the letter's counted signatures when at most `cap` of them count per email domain
   * (and each free-mail mailbox is a domain of its own).
   */
  countsByDistinctDomains(letterId: number, caps: number[]): Promise<number[]>;
  /**
   * Records the thresholds the letter has `reached` (since now, unless it already had) and releases
   * those reached at least `delayMs` ago; the letter's other thresholds are no longer reached.
   */
  updateListReleases(letterId: number, reached: number[], now: Date, delayMs: number): Promise<void>;
}

export interface ExportStore {
  /** Up to `limit` rows after the id `after`, in id order: a keyset page, as cheap deep as shallow. */
  exportPage(letterId: number, filter: ExportFilter, after: number, limit: number): Promise<ExportRow[]>;
  exportSize(letterId: number, filter: ExportFilter): Promise<number>;
}

/** Who did something: an organizer, or the command line (organizerId null). */
export interface Actor {
  organizerId: number | null;
  name: string;
}

export interface Organizer {
  id: number;
  name: string;
}

export type ModerationAction = 'hide' | 'unhide' | 'notable' | 'unnotable';
/** A moderation action; marking notable carries the vetting note. */
export interface ModerationChange {
  action: ModerationAction;
  note: string | null;
}

export interface DomainCount {
  domain: string;
  organisation: string | null;
  signers: number;
}

export interface DomainOrganisation {
  domain: string;
  organisation: string;
}

export interface SignatureFilter {
  /** See STATE_ROWS for what each state takes in. */
  state?: SignatureState | undefined;
  /** Matches name, organisation or email, ignoring case. */
  query?: string | undefined;
  before?: number | undefined;
  limit: number;
}

export interface AdminSignature {
  id: number;
  status: SignatureStatus;
  hidden: boolean;
  notable: boolean;
  notableNote: string | null;
  listed: boolean;
  listThreshold: number | null;
  emailDomain: string | null;
  name: string | null;
  email: string | null;
  title: string | null;
  organisation: string | null;
  city: string | null;
  createdAt: Date;
  verifiedAt: Date | null;
}

export interface PublicSignature {
  name: string | null;
  title: string | null;
  organisation: string | null;
  city: string | null;
  /** The verified email domain the signer chose to show, and the organisation organizers gave it. */
  domain: string | null;
  domainOrganisation: string | null;
  /** How the organizers verified a notable signatory. */
  notableNote: string | null;
  /** Where the signature stands in the public list's order. */
  position: ListPosition;
}

/** The sort key of the public list: notable first, then newest confirmation, then newest id. */
export interface ListPosition {
  notable: boolean;
  verifiedAt: Date;
  id: number;
}

export interface AuditEntry {
  id: number;
  at: Date;
  actor: string;
  action: string;
  letter: string | null;
  detail: Record<string, unknown>;
}

export interface ExportFilter {
  state?: SignatureState | undefined;
  /** Signed at or after / before these times. */
  from?: Date | undefined;
  to?: Date | undefined;
}

export interface ExportRow extends AdminSignature {
  signatoryNumber: number | null;
  lang: string;
}

export interface CountMismatch {
  letterId: number;
  slug: string;
  stored: number;
  actual: number;
  listedStored: number;
  listedActual: number;
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
  goal: number | null;
  closedAt: Date | null;
  anonymiseAfterDays: number | null;
  formFields: FormFields;
  listThresholds: number[];
  /** Hours a threshold must hold before the names waiting for it are listed. */
  listDelayHours: number;
  /** Signers are asked for a proof of work whether or not the letter is flooded. */
  proofOfWork: boolean;
  signatureCount: number;
  /** Of the counted signatures, those listed publicly. */
  listedCount: number;
  countUpdatedAt: Date;
  updatedAt: Date;
}

/** The raw tokens a mail's links carry; kept with the job only until the mail is out. */
export type MailPayload = { verifyToken?: string; withdrawToken?: string };

/** What a signing request asks to publish; its confirm link confirms exactly these. */
export interface SigningDetails {
  name: string;
  title?: string | undefined;
  organisation?: string | undefined;
  city?: string | undefined;
  listed: boolean;
  /** Listed only once the letter has this many signatures. */
  listThreshold?: number | undefined;
  /** The email's domain, when the signer chose to show it and it is not free mail. */
  emailDomain?: string | undefined;
  lang: string;
}

/**
 * What the person confirming makes of the request: they may take back being listed or showing the
 * domain (never add either), and may correct the details a stranger may have typed for them.
 */
export interface KeptChoices {
  listed: boolean;
  domain: boolean;
  details?: ConfirmedDetails | undefined;
}

/** The details as the person confirming corrected them. */
export interface ConfirmedDetails {
  name: string;
  title?: string | undefined;
  organisation?: string | undefined;
  city?: string | undefined;
}

export interface NewSigning {
  letterId: number;
  email: string;
  emailKey: string;
  /** Keyed hash of the mailbox its mail reaches (see mailboxOf): what the mailbox allowance counts. */
  mailboxKey: string;
  details: SigningDetails;
  /** Keyed hash of the address's threshold group (see thresholdGroup), unless it counts alone. */
  domainKey?: string | undefined;
  /** Unique to this request: marks the rows it queued mail for within the batch. */
  nonce: string;
  verifyTokenHash: string;
  verifyExpiresAt: Date;
  withdrawTokenHash: string;
  payload: MailPayload;
  now: Date;
  mailWindowMs: number;
  /** Mails to this address about this letter per window. */
  mailsPerWindow: number;
  /** Mails to this mailbox about any letter per window. */
  mailsPerMailbox: number;
}

/** A signing request's details as stored, for a mail or a confirm page to show them for checking. */
export interface RequestDetails {
  name: string | null;
  title: string | null;
  organisation: string | null;
  city: string | null;
  listed: boolean;
  listThreshold: number | null;
  emailDomain: string | null;
}

/** A link's signature; a confirm link's shows the details of its own request until it is used. */
export interface TokenSubject extends RequestDetails {
  status: SignatureStatus;
  signatoryNumber: number | null;
  expiresAt: Date | null;
  /** The letter as it is after the change, counts included. */
  letter: LetterCount & { title: string; state: LetterState };
}

/** A letter's counts at one moment. */
export interface LetterCount {
  slug: string;
  signatureCount: number;
  listedCount: number;
  countUpdatedAt: Date;
}

export interface MailJob {
  id: number;
  attempts: number;
  payload: MailPayload;
  /** The signature, with the details of the request whose confirm link the mail carries. */
  signature: RequestDetails & { status: SignatureStatus; email: string | null; lang: string };
  letter: { slug: string; title: string };
}
