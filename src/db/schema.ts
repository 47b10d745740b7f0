import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { FormFields } from '../domain/letter-input.ts';
import type { MailPayload } from '../domain/entities.ts';

const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });

export const letters = sqliteTable('letters', {
  id: integer().primaryKey(),
  slug: text().notNull().unique(),
  title: text().notNull(),
  /** Markdown source; rendered and sanitised when shown. */
  body: text().notNull(),
  summary: text(),
  /** Who is behind the letter, as one line ("Organised by …"); NULL: not shown. */
  organisedBy: text('organised_by'),
  /** To whom the letter is addressed, as one line ("To …"); NULL: not shown. */
  addressee: text(),
  /** The day the letter is dated, YYYY-MM-DD; NULL: not shown. */
  publishedOn: text('published_on'),
  lang: text().notNull().default('en'),
  status: text({ enum: ['draft', 'open', 'closed'] }).notNull().default('draft'),
  /** From this moment an open letter takes no signatures: it is closed without anyone closing it. */
  deadline: timestamp('deadline'),
  /** Signatures aimed for, shown as a progress bar; NULL for none. */
  goal: integer(),
  /** When the letter was last closed; NULL while it is not closed. */
  closedAt: timestamp('closed_at'),
  /** Days after closing when signers' email addresses are deleted (names and count stay); NULL: never. */
  anonymiseAfterDays: integer('anonymise_after_days'),
  /** Which optional fields the form asks for, and which of them are required. */
  formFields: text('form_fields', { mode: 'json' }).$type<FormFields>().notNull().default({}),
  /** Counts a signer may ask to wait for before their name is listed ("list me once 1,000 have signed"). */
  listThresholds: text('list_thresholds', { mode: 'json' }).$type<number[]>().notNull().default([]),
  /** Hours a threshold must have held before the names waiting for it are listed (see list_releases). */
  listDelayHours: integer('list_delay_hours').notNull().default(24),
  /** Whether the organizer asks every signer for a proof of work, flood or not. */
  proofOfWork: integer('proof_of_work', { mode: 'boolean' }).notNull().default(false),
  /**
   * Verified, not hidden signatures. Kept by triggers on `signatures` (see drizzle/), so every code
   * path that changes a signature's state moves the count in the same transaction.
   */
  signatureCount: integer('signature_count').notNull().default(0),
  /** Of those, the ones whose signers chose to be listed publicly; kept by the same triggers. */
  listedCount: integer('listed_count').notNull().default(0),
  countUpdatedAt: timestamp('count_updated_at').notNull(),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

export const signatures = sqliteTable(
  'signatures',
  {
    id: integer().primaryKey(),
    letterId: integer('letter_id')
      .notNull()
      .references(() => letters.id),
    status: text({ enum: ['pending', 'verified', 'withdrawn'] }).notNull(),
    /** Set by moderation; a hidden signature is not counted and not listed. */
    hidden: integer({ mode: 'boolean' }).notNull().default(false),
    /** Set by moderation, always with `notableNote`; notable signatories are listed first. */
    notable: integer({ mode: 'boolean' }).notNull().default(false),
    /** How the organizers verified a notable signatory, shown with the name. */
    notableNote: text('notable_note'),
    // Personal data: all of it is set to NULL when the signer withdraws.
    name: text(),
    email: text(),
    /** HMAC of the canonical email under the site secret: the dedup key, useless without the secret. */
    emailKey: text('email_key'),
    title: text(),
    organisation: text(),
    city: text(),
    listed: integer({ mode: 'boolean' }).notNull(),
    /** A listed signature with a threshold is shown only while the letter's count is at least this. */
    listThreshold: integer('list_threshold'),
    /**
     * The email's domain, kept only when the signer chose to show it as a verified affiliation and it
     * is not a free-mail provider's.
     */
    emailDomain: text('email_domain'),
    /**
     * HMAC of the address's registrable domain under the site secret, NULL at the large mail providers
     * (see thresholdGroup): signatures from one domain count toward a listing threshold only up to a
     * share of it.
     */
    domainKey: text('domain_key'),
    lang: text().notNull(),
    /** The count this signature made when it was confirmed ("You are signatory #N"). */
    signatoryNumber: integer('signatory_number'),
    // Mails sent to this address about this letter in the current 24-hour window (anti-flooding).
    mailWindowStart: timestamp('mail_window_start').notNull(),
    mailWindowCount: integer('mail_window_count').notNull().default(0),
    /**
     * Marks the row a signing request queued mail for, so the rest of its batch knows it did: they
     * find the row by its letter and email key, through their unique index.
     */
    mailNonce: text('mail_nonce'),
    createdAt: timestamp('created_at').notNull(),
    verifiedAt: timestamp('verified_at'),
    withdrawnAt: timestamp('withdrawn_at'),
  },
  (t) => [
    uniqueIndex('signatures_letter_email_key').on(t.letterId, t.emailKey),
    index('signatures_letter_status').on(t.letterId, t.status),
    index('signatures_letter_verified_at').on(t.letterId, t.verifiedAt),
    // The public list, in its order, holding only what it may show: keyset pages at any depth.
    index('signatures_public_list')
      .on(t.letterId, t.notable, t.verifiedAt, t.id)
      .where(sql`${t.status} = 'verified' AND ${t.hidden} = 0 AND ${t.listed} = 1`),
    // Names waiting for their letter to reach their threshold: counted per threshold.
    index('signatures_waiting')
      .on(t.letterId, t.listThreshold)
      .where(sql`${t.status} = 'verified' AND ${t.hidden} = 0 AND ${t.listed} = 1 AND ${t.listThreshold} IS NOT NULL`),
    // Verified affiliations, counted per domain.
    index('signatures_domains')
      .on(t.letterId, t.emailDomain)
      .where(sql`${t.status} = 'verified' AND ${t.hidden} = 0 AND ${t.emailDomain} IS NOT NULL`),
  ],
);

/**
 * Confirm and withdraw tokens, stored only under their key: the time, then the SHA-256 (linkTokenKey).
 * A confirm token carries the details of the signing request whose mail it is in: confirming it
 * publishes what that mail and its confirm page showed, not what another request for the address said.
 */
export const tokens = sqliteTable(
  'tokens',
  {
    hash: text().primaryKey(),
    signatureId: integer('signature_id')
      .notNull()
      .references(() => signatures.id, { onDelete: 'cascade' }),
    purpose: text({ enum: ['confirm', 'withdraw'] }).notNull(),
    /** NULL: does not expire (withdraw links work as long as the signature exists). */
    expiresAt: timestamp('expires_at'),
    usedAt: timestamp('used_at'),
    // A confirm token's request; NULL on withdraw tokens, and cleared once the token is used.
    name: text(),
    title: text(),
    organisation: text(),
    city: text(),
    listed: integer({ mode: 'boolean' }),
    listThreshold: integer('list_threshold'),
    emailDomain: text('email_domain'),
    lang: text(),
  },
  (t) => [index('tokens_signature').on(t.signatureId)],
);

/**
 * Mail jobs, written in the same batch as the signature they are about. The mail sender decides what
 * to say from the signature's state when it sends, and deletes the job once sent.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer().primaryKey(),
    signatureId: integer('signature_id')
      .notNull()
      .references(() => signatures.id, { onDelete: 'cascade' }),
    /** The raw tokens for the links, needed until the mail is out; cleared when a job fails for good. */
    payload: text({ mode: 'json' }).$type<MailPayload>().notNull(),
    /** The confirm token the mail carries, whose request's details the mail shows. */
    confirmTokenHash: text('confirm_token_hash'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at').notNull(),
    /** A mail sender's claim; another may take the job once it has passed. */
    claimedUntil: timestamp('claimed_until'),
    lastError: text('last_error'),
    failedAt: timestamp('failed_at'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('outbox_due').on(t.failedAt, t.nextAttemptAt)],
);

/**
 * How each letter's mail goes, for its organizers: mails sent (counted in the batch that deletes
 * their jobs) and the latest failure. Mails retrying or refused are the letter's outbox jobs.
 */
export const mailDelivery = sqliteTable('mail_delivery', {
  letterId: integer('letter_id')
    .primaryKey()
    .references(() => letters.id, { onDelete: 'cascade' }),
  sent: integer().notNull().default(0),
  /** Without addresses, names or links: the error's codes and the transport's step. */
  lastError: text('last_error'),
  lastErrorAt: timestamp('last_error_at'),
});

/**
 * New signatures per letter, day (UTC, YYYY-MM-DD) and source (the closed set of SIGNING_SOURCES),
 * counted in the batch that makes the signature: where signings came from is kept only in aggregate,
 * never with a signature.
 */
export const signingSources = sqliteTable(
  'signing_sources',
  {
    letterId: integer('letter_id')
      .notNull()
      .references(() => letters.id, { onDelete: 'cascade' }),
    day: text().notNull(),
    source: text().notNull(),
    signings: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.letterId, t.day, t.source] })],
);

/**
 * Pending signatures the purge deleted once their confirm links expired, per letter: kept so the
 * confirmation rate still counts them.
 */
export const expiredSignings = sqliteTable('expired_signings', {
  letterId: integer('letter_id')
    .primaryKey()
    .references(() => letters.id, { onDelete: 'cascade' }),
  expired: integer().notNull(),
});

/**
 * Mails to one mailbox (the keyed hash of its canonical address) in the current 24-hour window, on
 * every letter together: however many variants of an address are used, it gets only a few mails a day.
 */
export const mailAllowances = sqliteTable('mail_allowances', {
  emailKey: text('email_key').primaryKey(),
  windowStart: timestamp('window_start').notNull(),
  count: integer().notNull(),
  /** Marks the signing request that took the latest mail, for the rest of its batch. */
  nonce: text(),
});

/**
 * Where each of a letter's listing thresholds stands: reached (by signatures from enough distinct
 * domains) since `reachedAt`, and released, so its waiting names are listed, once it has held for the
 * letter's delay. Kept by a periodic job; a row exists only while the threshold holds.
 */
export const listReleases = sqliteTable(
  'list_releases',
  {
    letterId: integer('letter_id')
      .notNull()
      .references(() => letters.id, { onDelete: 'cascade' }),
    threshold: integer().notNull(),
    reachedAt: timestamp('reached_at').notNull(),
    releasedAt: timestamp('released_at'),
  },
  (t) => [primaryKey({ columns: [t.letterId, t.threshold] })],
);

/** Site-wide values the app generates once and keeps, such as the HMAC secret. */
export const settings = sqliteTable('settings', {
  key: text().primaryKey(),
  value: text().notNull(),
});

/** A letter's text in a language other than its default (whose text is in `letters`). */
export const letterTranslations = sqliteTable(
  'letter_translations',
  {
    letterId: integer('letter_id')
      .notNull()
      .references(() => letters.id, { onDelete: 'cascade' }),
    lang: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    summary: text(),
    /** NULL: the letter's own. */
    organisedBy: text('organised_by'),
    addressee: text(),
  },
  (t) => [primaryKey({ columns: [t.letterId, t.lang] })],
);

/** People who may run letters. Only the SHA-256 of an organizer's token is stored. */
export const organizers = sqliteTable('organizers', {
  id: integer().primaryKey(),
  name: text().notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at').notNull(),
  revokedAt: timestamp('revoked_at'),
});

/** Admin page log-ins. The cookie holds a random token; only its hash is stored. */
export const sessions = sqliteTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  organizerId: integer('organizer_id')
    .notNull()
    .references(() => organizers.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at').notNull(),
});

/** Every organizer action: who, what, when, on which letter. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer().primaryKey(),
    at: timestamp('at').notNull(),
    /** The organizer's name at the time, or "command line". */
    actor: text().notNull(),
    action: text().notNull(),
    letterId: integer('letter_id').references(() => letters.id, { onDelete: 'set null' }),
    detail: text({ mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('audit_log_letter').on(t.letterId, t.id)],
);

/** Organisation names organizers give to email domains: "verified at Company (@company.by)". */
export const domainOrganisations = sqliteTable('domain_organisations', {
  domain: text().primaryKey(),
  organisation: text().notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});
