import type { MailJob, MailPayload, SignatureStatus } from '../../domain/entities.ts';
import { CONFIRM_TOKEN_TTL_MS } from '../../domain/sign.ts';
import type { MailStore } from '../../domain/store.ts';
import type { SqlBatch, Statement } from '../sql-batch.ts';
import { MAIL_ALARM_KEY } from '../stores/mail.ts';
import { requestDetail, requestDetailColumns } from './request-details.ts';
import { signerDetailsOf } from './signer-details.ts';

// Claiming and clearing jobs run once a pass under load, as plain SQL through the SqlBatch, like the
// other hot paths: on Node their commits wait for the disk on the database thread, not the server's.

/** One UPDATE claims the jobs: a second mail sender running the same statement cannot take them too. */
const CLAIM = `
  UPDATE outbox SET claimed_until = ?2, attempts = attempts + 1
  WHERE id IN (SELECT id FROM outbox
               WHERE failed_at IS NULL AND next_attempt_at <= ?1 AND (claimed_until IS NULL OR claimed_until <= ?1)
               ORDER BY id LIMIT ?3)
  RETURNING id`;

/** Renews the claim on the jobs still ours: one a sender took after our claim passed is not. */
const RENEW = `
  UPDATE outbox SET claimed_until = ?3
  WHERE id IN (SELECT value FROM json_each(?1)) AND claimed_until = ?2
  RETURNING id`;

/**
 * A mail shows the details of its own request, while its confirm link still has them, and the
 * letter's title in the language the request was made in, where the letter has a translation in it.
 */
const CLAIMED = `
  SELECT o.id, o.attempts, o.payload, s.status, s.email,
         ${requestDetailColumns('s', ['name', 'title', 'organisation', 'city', 'listed', 'list_threshold', 'email_domain', 'lang'])},
         l.slug, COALESCE(lt.title, l.title) AS letter_title,
         -- A mail without a confirm link (only a withdraw link, which works for good) is kept as long.
         COALESCE(t.expires_at, o.created_at + ?2) AS links_expire_at
  FROM outbox o JOIN signatures s ON s.id = o.signature_id JOIN letters l ON l.id = s.letter_id
    LEFT JOIN tokens t ON t.hash = o.confirm_token_hash
    LEFT JOIN letter_translations lt ON lt.letter_id = l.id AND lt.lang = ${requestDetail('lang', 's')}
  WHERE o.id IN (SELECT value FROM json_each(?1))`;

/** Counts the sent jobs' mails for their letters; runs before they are deleted. */
const COUNT_SENT = `
  INSERT INTO mail_delivery (letter_id, sent)
  SELECT s.letter_id, count(*) FROM outbox o JOIN signatures s ON s.id = o.signature_id
  WHERE o.id IN (SELECT value FROM json_each(?1)) GROUP BY s.letter_id
  ON CONFLICT (letter_id) DO UPDATE SET sent = sent + excluded.sent`;

const DELETE = 'DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?1))';

/**
 * A mail went while the alarm was up: the mail server takes our configuration again, so the mail
 * held back by it is due now, not after its backoff (which may have grown to an hour).
 */
const RETRY_HELD_BACK = `
  UPDATE outbox SET next_attempt_at = ?2
  WHERE failed_at IS NULL AND next_attempt_at > ?2 AND EXISTS (SELECT 1 FROM settings WHERE key = ?1)`;

/** A mail went: the mail server takes our configuration again. */
const CLEAR_ALARM = 'DELETE FROM settings WHERE key = ?1';

/** Claiming a pass of outbox jobs, keeping the claim, and clearing the sent ones. */
export function outboxClaimStore(batch: SqlBatch): Pick<MailStore, 'claimMail' | 'renewMailClaim' | 'mailSent'> {
  return {
    async claimMail(now, leaseUntil, limit) {
      const [claimed = []] = await batch([{ sql: CLAIM, args: [now.getTime(), leaseUntil.getTime(), limit] }]);
      if (claimed.length === 0) return [];
      const [rows = []] = await batch([{ sql: CLAIMED, args: [JSON.stringify(claimed.map((row) => row.id)), CONFIRM_TOKEN_TTL_MS] }]);
      return rows.map(
        (row): MailJob => ({
          id: Number(row.id),
          attempts: Number(row.attempts),
          payload: JSON.parse(row.payload as string) as MailPayload,
          signature: {
            status: row.status as SignatureStatus,
            email: row.email as string | null,
            ...signerDetailsOf(row),
            lang: row.lang as string,
          },
          letter: { slug: row.slug as string, title: row.letter_title as string },
          linksExpireAt: new Date(Number(row.links_expire_at)),
        }),
      );
    },

    async renewMailClaim(jobIds, ours, until) {
      if (jobIds.length === 0) return [];
      const [rows = []] = await batch([{ sql: RENEW, args: [JSON.stringify(jobIds), ours.getTime(), until.getTime()] }]);
      return rows.map((row) => Number(row.id));
    },

    async mailSent(sent, skipped, now) {
      const statements: Statement[] = [];
      if (sent.length > 0) {
        const ids = JSON.stringify(sent);
        statements.push(
          { sql: COUNT_SENT, args: [ids] },
          { sql: DELETE, args: [ids] },
          { sql: RETRY_HELD_BACK, args: [MAIL_ALARM_KEY, now.getTime()] },
          { sql: CLEAR_ALARM, args: [MAIL_ALARM_KEY] },
        );
      }
      if (skipped.length > 0) statements.push({ sql: DELETE, args: [JSON.stringify(skipped)] });
      if (statements.length > 0) await batch(statements);
    },
  };
}
