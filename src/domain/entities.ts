import type { FormFields } from './letter-input.ts';
import type { ListingStatus, SignatureStatus } from './listing-status.ts';
import type { SigningSource } from './signing-source.ts';

export type { ListingStatus, SignatureStatus } from './listing-status.ts';

// The domain's data: letters, signatures and what comes with them, as the store hands them over.

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
  /** See LISTING_STATUS_ROWS for what each listing status takes in. */
  status?: ListingStatus | undefined;
  /** Matches name, organisation or email, ignoring case. */
  query?: string | undefined;
  before?: number | undefined;
  limit: number;
}

export interface AdminSignature extends SignerDetails {
  id: number;
  status: SignatureStatus;
  hidden: boolean;
  notable: boolean;
  notableNote: string | null;
  email: string | null;
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
  status?: ListingStatus | undefined;
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

export type LetterStatus = 'draft' | 'open' | 'closed';
export type TokenPurpose = 'confirm' | 'withdraw';

export interface Letter {
  id: number;
  slug: string;
  title: string;
  body: string;
  summary: string | null;
  /** Who is behind the letter ("Organised by …"). */
  organisedBy: string | null;
  /** To whom it is addressed ("To …"). */
  addressee: string | null;
  /** The day it is dated, YYYY-MM-DD. */
  publishedOn: string | null;
  lang: string;
  /** As the organizers set it; {@link statusAt} says whether the deadline has closed it since. */
  status: LetterStatus;
  /** From this moment the letter takes no signatures. */
  deadline: Date | null;
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
export type MailPayload = { confirmToken?: string; withdrawToken?: string };

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
  confirmTokenHash: string;
  confirmExpiresAt: Date;
  withdrawTokenHash: string;
  payload: MailPayload;
  /** Counted in aggregate per letter and day only (see signing_sources), never stored with the signature. */
  source: SigningSource;
  now: Date;
  mailWindowMs: number;
  /** Mails to this address about this letter per window. */
  mailsPerWindow: number;
  /** Mails to this mailbox about any letter per window. */
  mailsPerMailbox: number;
}

/**
 * What a signature says about its signer, and how it is listed; a confirm link's and its mail's are
 * those of their own request until it is confirmed.
 */
export interface SignerDetails {
  name: string | null;
  title: string | null;
  organisation: string | null;
  city: string | null;
  listed: boolean;
  listThreshold: number | null;
  emailDomain: string | null;
}

/** A link's signature; a confirm link's shows the details of its own request until it is used. */
export interface TokenSubject extends SignerDetails {
  status: SignatureStatus;
  signatoryNumber: number | null;
  expiresAt: Date | null;
  /** The letter as it is after the change, counts included. */
  letter: LetterCount & { title: string; status: LetterStatus; deadline: Date | null };
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
  signature: SignerDetails & { status: SignatureStatus; email: string | null; lang: string };
  /** The title in the signature's language where the letter is translated into it, else its own. */
  letter: { slug: string; title: string };
  /** When the mail's links stop working (its confirm token expires): retrying ends there. */
  linksExpireAt: Date;
}

/** The mail server refuses our configuration (credentials, relay, TLS): since when, and why, without addresses. */
export interface MailAlarm {
  since: Date;
  reason: string;
}

/** How a letter's mail is going, for its organizers. */
export interface MailDelivery {
  /** Mails handed to the mail server. */
  sent: number;
  /** Mails that failed and wait for another attempt. */
  retrying: number;
  /** Mails whose recipient refused them for good (or whose links expired before they went). */
  refused: number;
  /** The latest failure, in words without addresses. */
  lastError: { at: Date; reason: string } | null;
}

/** What became of a signature: how the dashboard sorts signatures over time (see growth.ts). */
export type GrowthKind = 'confirmed' | 'pending' | 'withdrawn' | 'hidden';

/** Signatures made in a letter's hours or days, grouped by what became of them, as the store counts them. */
export interface GrowthCount {
  /** Days since the Unix epoch (UTC) the signatures were made on. */
  day: number;
  /** For those made since `recentFrom`, the hour after it they were made in (0 for the first). */
  hour: number | null;
  kind: GrowthKind;
  signatures: number;
  /** Of them, the ones ever confirmed (a withdrawn signature may have been). */
  everConfirmed: number;
}

/** New signatures of a letter per day and source (see signing-source.ts). */
export interface SourceCount {
  /** YYYY-MM-DD, UTC. */
  day: string;
  source: SigningSource;
  signings: number;
}
