import type { LetterStatus, SignatureStatus, TokenSubject } from '../../domain/entities.ts';
import { utcDay } from '../../domain/signing-source.ts';
import type { SigningStore } from '../../domain/store.ts';
import type { Row, SqlBatch } from '../sql-batch.ts';
import { requestDetail, requestDetailColumns } from './request-details.ts';
import { signerDetailsOf } from './signer-details.ts';

// Signing and confirming are the hot paths of a viral letter: they are written as plain SQL, built
// once, and go through group commit (many requests, one transaction). Withdrawing is plain SQL too,
// so that it and the page it answers with are one transaction.

/** The letter (of `letters`) takes signatures at `now`: open, and its deadline, if any, not reached (see statusAt). */
const TAKES_SIGNATURES = (now: string) => `letters.status = 'open' AND (letters.deadline IS NULL OR letters.deadline > ${now})`;

/**
 * A new signature, or, for an address that has one, one mail from its allowance on this letter: the
 * nonce marks the row for the next statements only if there was mail left to take and the letter is
 * open. The unique (letter, email key) index makes racing requests for one address one row, and is
 * how the next statements find it.
 */
const UPSERT_SIGNATURE = `
  INSERT INTO signatures (letter_id, status, name, email, email_key, title, organisation, city, listed, lang,
                          mail_window_start, mail_window_count, mail_nonce, created_at, list_threshold, email_domain,
                          domain_key)
  SELECT ?1, 'pending', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1, ?11, ?10, ?14, ?15, ?16
  FROM letters WHERE id = ?1 AND ${TAKES_SIGNATURES('?10')}
  ON CONFLICT (letter_id, email_key) DO UPDATE SET
    mail_nonce = excluded.mail_nonce,
    mail_window_count = CASE WHEN signatures.mail_window_start <= ?12 THEN 1 ELSE signatures.mail_window_count + 1 END,
    mail_window_start = CASE WHEN signatures.mail_window_start <= ?12 THEN excluded.mail_window_start
                             ELSE signatures.mail_window_start END
  WHERE signatures.mail_window_start <= ?12 OR signatures.mail_window_count < ?13`;

/**
 * One more signing from its source (?4) on its day (?5), when this request made a new signature: its
 * row was created now and marked by this request. The source goes only into this counter.
 */
const COUNT_SOURCE = `
  INSERT INTO signing_sources (letter_id, day, source, signings)
  SELECT ?1, ?5, ?4, 1 WHERE EXISTS (
    SELECT 1 FROM signatures WHERE letter_id = ?1 AND email_key = ?2 AND mail_nonce = ?3 AND created_at = ?6)
  ON CONFLICT (letter_id, day, source) DO UPDATE SET signings = signings + 1`;

/** The signature row this request marked: it may send a mail about this letter. */
const MARKED = 'SELECT 1 FROM signatures WHERE letter_id = ?5 AND email_key = ?1 AND mail_nonce = ?3';

/**
 * One mail from the mailbox's allowance (?7, its key) on all letters together, taken only by a
 * request that its letter's allowance let through; the nonce marks the request that took it.
 */
const TAKE_MAILBOX_MAIL = `
  INSERT INTO mail_allowances (email_key, window_start, count, nonce)
  SELECT ?7, ?2, 1, ?3 WHERE EXISTS (${MARKED})
  ON CONFLICT (email_key) DO UPDATE SET
    nonce = excluded.nonce,
    count = CASE WHEN mail_allowances.window_start <= ?4 THEN 1 ELSE mail_allowances.count + 1 END,
    window_start = CASE WHEN mail_allowances.window_start <= ?4 THEN excluded.window_start ELSE mail_allowances.window_start END
  WHERE mail_allowances.window_start <= ?4 OR mail_allowances.count < ?6`;

/** Both allowances let this request send its mail; `mailbox` is the parameter of the mailbox's key. */
const mailTaken = (mailbox: string) => `s.letter_id = ?5 AND s.email_key = ?1 AND s.mail_nonce = ?3
  AND EXISTS (SELECT 1 FROM mail_allowances WHERE email_key = ${mailbox} AND nonce = ?3)`;

/**
 * A confirm link (while the signature is pending) carrying this request's details, and a withdraw
 * link, for a request whose mail was allowed.
 */
const INSERT_TOKENS = `
  INSERT INTO tokens (hash, signature_id, purpose, expires_at, name, title, organisation, city, listed, list_threshold,
                      email_domain, lang)
  SELECT ?2, s.id, 'confirm', ?4, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14 FROM signatures s WHERE ${mailTaken('?15')} AND s.status = 'pending'
  UNION ALL
  SELECT ?6, s.id, 'withdraw', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM signatures s WHERE ${mailTaken('?15')}`;

const INSERT_MAIL = `
  INSERT INTO outbox (signature_id, payload, attempts, next_attempt_at, created_at, confirm_token_hash)
  SELECT s.id, ?2, 0, ?4, ?4, ?6 FROM signatures s WHERE ${mailTaken('?7')}
  RETURNING id`;

const fromToken = (column: string) => requestDetail(column, 'signatures');
/** The detail as the person confirming corrected it (?5 = 1: ?6 to ?9), else the request's. */
const confirmed = (column: string, param: string) => `CASE WHEN ?5 = 1 THEN ${param} ELSE ${fromToken(column)} END`;

/**
 * Publishes the details of the request whose link is used, not of whichever request made the row,
 * as corrected on its confirm page; the signer may still take back being listed (?3 = 0) or showing
 * the domain (?4 = 0), never add them.
 */
const CONFIRM = `
  UPDATE signatures SET status = 'verified', verified_at = ?2,
    name = ${confirmed('name', '?6')}, title = ${confirmed('title', '?7')},
    organisation = ${confirmed('organisation', '?8')}, city = ${confirmed('city', '?9')}, lang = ${fromToken('lang')},
    listed = CASE WHEN ?3 = 0 THEN 0 ELSE ${fromToken('listed')} END,
    list_threshold = CASE WHEN ?3 = 0 THEN NULL ELSE ${fromToken('list_threshold')} END,
    email_domain = CASE WHEN ?4 = 0 THEN NULL ELSE ${fromToken('email_domain')} END
  FROM tokens t
  WHERE t.hash = ?1 AND t.purpose = 'confirm' AND t.used_at IS NULL AND t.expires_at > ?2
    AND signatures.id = t.signature_id AND signatures.status = 'pending'
    AND EXISTS (SELECT 1 FROM letters WHERE letters.id = signatures.letter_id AND ${TAKES_SIGNATURES('?2')})
  RETURNING signatures.id`;

/** The count triggers have just run: the letter's count now includes this signature. */
const NUMBER_SIGNATORY = `
  UPDATE signatures
  SET signatory_number = (SELECT signature_count FROM letters WHERE letters.id = signatures.letter_id)
  WHERE id = (SELECT signature_id FROM tokens WHERE hash = ?1 AND purpose = 'confirm')
    AND status = 'verified' AND signatory_number IS NULL`;

/** The used link keeps nothing of its request: the signature holds what was published. */
const USE_TOKEN = `
  UPDATE tokens SET used_at = ?2, name = NULL, title = NULL, organisation = NULL, city = NULL, listed = NULL,
                    list_threshold = NULL, email_domain = NULL, lang = NULL
  WHERE hash = ?1 AND used_at IS NULL
    AND EXISTS (SELECT 1 FROM signatures WHERE signatures.id = tokens.signature_id AND status = 'verified')`;

/** The other requests' confirm links can no longer confirm anything; their details go with them. */
const DROP_OTHER_REQUESTS = `
  DELETE FROM tokens
  WHERE purpose = 'confirm' AND hash != ?1
    AND signature_id = (SELECT signature_id FROM tokens WHERE hash = ?1 AND purpose = 'confirm')
    AND EXISTS (SELECT 1 FROM signatures WHERE signatures.id = tokens.signature_id AND status = 'verified')`;

const WITHDRAW_OWNER = `(SELECT signature_id FROM tokens WHERE hash = ?1 AND purpose = 'withdraw')`;

/** Every personal field goes; the empty row stays so the count's history adds up. */
const WITHDRAW = `
  UPDATE signatures
  SET status = 'withdrawn', withdrawn_at = ?2, name = NULL, email = NULL, email_key = NULL, title = NULL,
      organisation = NULL, city = NULL, listed = 0, list_threshold = NULL, email_domain = NULL, domain_key = NULL, notable = 0,
      notable_note = NULL, mail_nonce = NULL
  WHERE id = ${WITHDRAW_OWNER} AND status != 'withdrawn'
  RETURNING id`;

/** Unsent mail and every other link to the signature go; this link stays, to say it is done. */
const DROP_MAIL = `DELETE FROM outbox WHERE signature_id = ${WITHDRAW_OWNER}`;
const DROP_OTHER_TOKENS = `DELETE FROM tokens WHERE signature_id = ${WITHDRAW_OWNER} AND hash != ?1`;
const USE_WITHDRAW_TOKEN = `UPDATE tokens SET used_at = ?2 WHERE hash = ?1 AND used_at IS NULL`;

/** A confirm token shows its own request's details while it has them (see fromToken). */
const SUBJECT = `
  SELECT s.status, s.signatory_number, t.expires_at,
         ${requestDetailColumns('s', ['name', 'title', 'organisation', 'city', 'listed', 'list_threshold', 'email_domain'])},
         l.slug, l.title AS letter_title, l.status AS letter_status, l.deadline, l.signature_count, l.listed_count, l.count_updated_at
  FROM tokens t JOIN signatures s ON s.id = t.signature_id JOIN letters l ON l.id = s.letter_id
  WHERE t.hash = ?1 AND t.purpose = ?2`;

/**
 * `commit` takes the signings and confirmations: a batch that may share its transaction with others
 * (group commit). Withdrawing goes through `batch`, reads through `read`.
 */
export function signingStore({ batch, read, commit: write }: { batch: SqlBatch; read: SqlBatch; commit: SqlBatch }): SigningStore {

  return {
    async recordSigning(s) {
      const now = s.now.getTime();
      const { details } = s;
      const [, , , , mail] = await write([
        {
          sql: UPSERT_SIGNATURE,
          args: [
            s.letterId,
            details.name,
            s.email,
            s.emailKey,
            details.title ?? null,
            details.organisation ?? null,
            details.city ?? null,
            details.listed ? 1 : 0,
            details.lang,
            now,
            s.nonce,
            now - s.mailWindowMs,
            s.mailsPerWindow,
            details.listThreshold ?? null,
            details.emailDomain ?? null,
            s.domainKey ?? null,
          ],
        },
        { sql: COUNT_SOURCE, args: [s.letterId, s.emailKey, s.nonce, s.source, utcDay(s.now), now] },
        { sql: TAKE_MAILBOX_MAIL, args: [s.emailKey, now, s.nonce, now - s.mailWindowMs, s.letterId, s.mailsPerMailbox, s.mailboxKey] },
        {
          sql: INSERT_TOKENS,
          args: [
            s.emailKey,
            s.confirmTokenHash,
            s.nonce,
            s.confirmExpiresAt.getTime(),
            s.letterId,
            s.withdrawTokenHash,
            details.name,
            details.title ?? null,
            details.organisation ?? null,
            details.city ?? null,
            details.listed ? 1 : 0,
            details.listThreshold ?? null,
            details.emailDomain ?? null,
            details.lang,
            s.mailboxKey,
          ],
        },
        { sql: INSERT_MAIL, args: [s.emailKey, JSON.stringify(s.payload), s.nonce, now, s.letterId, s.confirmTokenHash, s.mailboxKey] },
      ]);
      return { mailQueued: (mail?.length ?? 0) > 0 };
    },

    async tokenSubject(hash, purpose) {
      const [rows] = await read([{ sql: SUBJECT, args: [hash, purpose] }]);
      return subject(rows?.[0]);
    },

    async confirm(hash, now, keep) {
      const at = now.getTime();
      const [confirmed, , , , rows] = await write([
        {
          sql: CONFIRM,
          args: [
            hash,
            at,
            keep.listed ? 1 : 0,
            keep.domain ? 1 : 0,
            keep.details ? 1 : 0,
            keep.details?.name ?? null,
            keep.details?.title ?? null,
            keep.details?.organisation ?? null,
            keep.details?.city ?? null,
          ],
        },
        { sql: NUMBER_SIGNATORY, args: [hash] },
        { sql: DROP_OTHER_REQUESTS, args: [hash] },
        { sql: USE_TOKEN, args: [hash, at] },
        { sql: SUBJECT, args: [hash, 'confirm'] },
      ]);
      return { confirmed: (confirmed?.length ?? 0) > 0, subject: subject(rows?.[0]) };
    },

    async withdraw(hash, now) {
      const [withdrawn, , , , rows] = await batch([
        { sql: WITHDRAW, args: [hash, now.getTime()] },
        { sql: DROP_MAIL, args: [hash] },
        { sql: DROP_OTHER_TOKENS, args: [hash] },
        { sql: USE_WITHDRAW_TOKEN, args: [hash, now.getTime()] },
        { sql: SUBJECT, args: [hash, 'withdraw'] },
      ]);
      return { withdrawn: (withdrawn?.length ?? 0) > 0, subject: subject(rows?.[0]) };
    },
  };
}

function subject(row: Row | undefined): TokenSubject | undefined {
  if (!row) return undefined;
  return {
    status: row.status as SignatureStatus,
    signatoryNumber: row.signatory_number === null ? null : Number(row.signatory_number),
    ...signerDetailsOf(row),
    expiresAt: row.expires_at === null ? null : new Date(Number(row.expires_at)),
    letter: {
      slug: row.slug as string,
      title: row.letter_title as string,
      status: row.letter_status as LetterStatus,
      deadline: row.deadline === null ? null : new Date(Number(row.deadline)),
      signatureCount: Number(row.signature_count),
      listedCount: Number(row.listed_count),
      countUpdatedAt: new Date(Number(row.count_updated_at)),
    },
  };
}
