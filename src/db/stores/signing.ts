import type { LetterState, SignatureStatus, SigningStore, TokenSubject } from '../../domain/store.ts';
import type { Row, SqlBatch } from '../sql-batch.ts';

// Signing and confirming are the hot paths of a viral letter: they are written as plain SQL, built
// once, and go through group commit (many requests, one transaction). Withdrawing is plain SQL too,
// so that it and the page it answers with are one transaction.

/**
 * A new signature, or, for an address that has one, one mail from its allowance: the nonce marks
 * the row for the next statements only if there was mail left to take and the letter is open. The
 * unique (letter, email key) index makes racing requests for one address one row, and is how the
 * next statements find it.
 */
const UPSERT_SIGNATURE = `
  INSERT INTO signatures (letter_id, status, name, email, email_key, title, organisation, city, listed, lang,
                          mail_window_start, mail_window_count, mail_nonce, created_at, list_threshold, email_domain)
  SELECT ?1, 'pending', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1, ?11, ?10, ?14, ?15
  FROM letters WHERE id = ?1 AND state = 'open'
  ON CONFLICT (letter_id, email_key) DO UPDATE SET
    mail_nonce = excluded.mail_nonce,
    mail_window_count = CASE WHEN signatures.mail_window_start <= ?12 THEN 1 ELSE signatures.mail_window_count + 1 END,
    mail_window_start = CASE WHEN signatures.mail_window_start <= ?12 THEN excluded.mail_window_start
                             ELSE signatures.mail_window_start END
  WHERE signatures.mail_window_start <= ?12 OR signatures.mail_window_count < ?13`;

/** A confirm link (while the signature is pending) and a withdraw link, for the row the nonce marks. */
const INSERT_TOKENS = `
  INSERT INTO tokens (hash, signature_id, purpose, expires_at)
  SELECT ?1, id, 'verify', ?2 FROM signatures WHERE letter_id = ?5 AND email_key = ?6 AND mail_nonce = ?3 AND status = 'pending'
  UNION ALL
  SELECT ?4, id, 'withdraw', NULL FROM signatures WHERE letter_id = ?5 AND email_key = ?6 AND mail_nonce = ?3`;

const INSERT_MAIL = `
  INSERT INTO outbox (signature_id, payload, attempts, next_attempt_at, created_at)
  SELECT id, ?1, 0, ?2, ?2 FROM signatures WHERE letter_id = ?4 AND email_key = ?5 AND mail_nonce = ?3
  RETURNING id`;

const CONFIRM = `
  UPDATE signatures SET status = 'verified', verified_at = ?2
  WHERE status = 'pending'
    AND id = (SELECT signature_id FROM tokens
              WHERE hash = ?1 AND purpose = 'verify' AND used_at IS NULL AND expires_at > ?2)
    AND EXISTS (SELECT 1 FROM letters WHERE letters.id = signatures.letter_id AND state = 'open')
  RETURNING id`;

/** The count triggers have just run: the letter's count now includes this signature. */
const NUMBER_SIGNATORY = `
  UPDATE signatures
  SET signatory_number = (SELECT signature_count FROM letters WHERE letters.id = signatures.letter_id)
  WHERE id = (SELECT signature_id FROM tokens WHERE hash = ?1 AND purpose = 'verify')
    AND status = 'verified' AND signatory_number IS NULL`;

const USE_TOKEN = `
  UPDATE tokens SET used_at = ?2
  WHERE hash = ?1 AND used_at IS NULL
    AND EXISTS (SELECT 1 FROM signatures WHERE signatures.id = tokens.signature_id AND status = 'verified')`;

const WITHDRAW_OWNER = `(SELECT signature_id FROM tokens WHERE hash = ?1 AND purpose = 'withdraw')`;

/** Every personal field goes; the empty row stays so the count's history adds up. */
const WITHDRAW = `
  UPDATE signatures
  SET status = 'withdrawn', withdrawn_at = ?2, name = NULL, email = NULL, email_key = NULL, title = NULL,
      organisation = NULL, city = NULL, listed = 0, list_threshold = NULL, email_domain = NULL, notable = 0,
      notable_note = NULL, mail_nonce = NULL
  WHERE id = ${WITHDRAW_OWNER} AND status != 'withdrawn'
  RETURNING id`;

/** Unsent mail and every other link to the signature go; this link stays, to say it is done. */
const DROP_MAIL = `DELETE FROM outbox WHERE signature_id = ${WITHDRAW_OWNER}`;
const DROP_OTHER_TOKENS = `DELETE FROM tokens WHERE signature_id = ${WITHDRAW_OWNER} AND hash != ?1`;
const USE_WITHDRAW_TOKEN = `UPDATE tokens SET used_at = ?2 WHERE hash = ?1 AND used_at IS NULL`;

const SUBJECT = `
  SELECT s.status, s.signatory_number, s.name, s.listed, s.list_threshold, s.email_domain, t.expires_at,
         l.slug, l.title, l.state, l.signature_count, l.listed_count, l.count_updated_at
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
      const [, , mail] = await write([
        {
          sql: UPSERT_SIGNATURE,
          args: [
            s.letterId,
            s.name,
            s.email,
            s.emailKey,
            s.title ?? null,
            s.organisation ?? null,
            s.city ?? null,
            s.listed ? 1 : 0,
            s.lang,
            now,
            s.nonce,
            now - s.mailWindowMs,
            s.mailsPerWindow,
            s.listThreshold ?? null,
            s.emailDomain ?? null,
          ],
        },
        {
          sql: INSERT_TOKENS,
          args: [s.verifyTokenHash, s.verifyExpiresAt.getTime(), s.nonce, s.withdrawTokenHash, s.letterId, s.emailKey],
        },
        { sql: INSERT_MAIL, args: [JSON.stringify(s.payload), now, s.nonce, s.letterId, s.emailKey] },
      ]);
      return { mailQueued: (mail?.length ?? 0) > 0 };
    },

    async tokenSubject(hash, purpose) {
      const [rows] = await read([{ sql: SUBJECT, args: [hash, purpose] }]);
      return subject(rows?.[0]);
    },

    async confirm(hash, now) {
      const at = now.getTime();
      const [confirmed, , , rows] = await write([
        { sql: CONFIRM, args: [hash, at] },
        { sql: NUMBER_SIGNATORY, args: [hash] },
        { sql: USE_TOKEN, args: [hash, at] },
        { sql: SUBJECT, args: [hash, 'verify'] },
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
    name: row.name as string | null,
    listed: Boolean(row.listed),
    listThreshold: row.list_threshold === null ? null : Number(row.list_threshold),
    emailDomain: row.email_domain as string | null,
    expiresAt: row.expires_at === null ? null : new Date(Number(row.expires_at)),
    letter: {
      slug: row.slug as string,
      title: row.title as string,
      state: row.state as LetterState,
      signatureCount: Number(row.signature_count),
      listedCount: Number(row.listed_count),
      countUpdatedAt: new Date(Number(row.count_updated_at)),
    },
  };
}
