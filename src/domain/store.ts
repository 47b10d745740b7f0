import type {
  Actor,
  AdminSignature,
  AuditEntry,
  CountMismatch,
  DomainCount,
  DomainOrganisation,
  ExportFilter,
  ExportRow,
  GrowthCount,
  KeptChoices,
  Letter,
  ListPosition,
  MailAlarm,
  MailDelivery,
  MailJob,
  ModerationChange,
  NewSigning,
  Organizer,
  PublicSignature,
  SignatureFilter,
  SourceCount,
  TokenPurpose,
  TokenSubject,
} from './entities.ts';
import type { LetterInput, LetterPatch, Translation } from './letter-input.ts';

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
    ExportStore,
    GrowthStore {}

export interface LetterStore {
  /** The letters that take signatures at `now` (see statusAt). */
  openLetters(now: Date): Promise<Letter[]>;
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
   * Confirms the pending signature of a live confirm token with the details of the request the token
   * was made for, less what `keep` takes back; `confirmed` is false if nothing changed.
   */
  confirm(tokenHash: string, now: Date, keep: KeptChoices): Promise<{ confirmed: boolean; subject?: TokenSubject }>;
  /** Withdraws a signature and erases its personal data; `withdrawn` is false if nothing changed. */
  withdraw(tokenHash: string, now: Date): Promise<{ withdrawn: boolean; subject?: TokenSubject }>;
}

export interface MailStore {
  /** Claims up to `limit` due mail jobs until `leaseUntil`, counting an attempt for each. */
  claimMail(now: Date, leaseUntil: Date, limit: number): Promise<MailJob[]>;
  /**
   * Renews the claim on those of `jobIds` still claimed until `ours` (no other sender took them),
   * until `until`, and returns their ids.
   */
  renewMailClaim(jobIds: number[], ours: Date, until: Date): Promise<number[]>;
  /**
   * Deletes the jobs whose mail has gone (`sent`: counted for their letters, and the mail alarm
   * cleared, the jobs it held back due at `now`) and those with no one left to tell (`skipped`).
   */
  mailSent(sent: number[], skipped: number[], now: Date): Promise<void>;
  /**
   * Records a failed attempt: to be retried at `retryAt`, or given up on (and its raw tokens
   * dropped). `detail` stays with the job; `reason` is its letter's last error, shown to organizers.
   */
  mailFailed(jobId: number, error: { detail: string; reason: string; at: Date }, next: { retryAt: Date } | { gaveUpAt: Date }): Promise<void>;
  /** Records that the mail server refuses our configuration; the next mail that goes clears it. */
  raiseMailAlarm(alarm: MailAlarm): Promise<void>;
  mailAlarm(): Promise<MailAlarm | undefined>;
  mailDelivery(letterId: number): Promise<MailDelivery>;
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

export interface GrowthStore {
  /**
   * A letter's signatures that still exist, counted per day they were made on (and per hour from
   * `recentFrom`) and what became of them; its signings per day and source; and the pending
   * signatures the purge deleted unconfirmed.
   */
  growth(letterId: number, recentFrom: Date): Promise<{ counts: GrowthCount[]; sources: SourceCount[]; expired: number }>;
}
