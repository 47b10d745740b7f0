import { count, eq, isNull } from 'drizzle-orm';
import type { MailJob, MailPayload, SignatureStatus } from '../../domain/entities.ts';
import type { MailStore } from '../../domain/store.ts';
import type { Database } from '../database.ts';
import { outbox } from '../schema.ts';
import type { SqlBatch } from '../sql-batch.ts';
import { requestDetailColumns } from './request-details.ts';

// Claiming and clearing jobs run once a pass under load, as plain SQL through the SqlBatch, like the
// other hot paths: on Node their commits wait for the disk on the database thread, not the server's.

/** One UPDATE claims the jobs: a second worker running the same statement cannot take them too. */
const CLAIM = `
  UPDATE outbox SET claimed_until = ?2, attempts = attempts + 1
  WHERE id IN (SELECT id FROM outbox
               WHERE failed_at IS NULL AND next_attempt_at <= ?1 AND (claimed_until IS NULL OR claimed_until <= ?1)
               ORDER BY id LIMIT ?3)
  RETURNING id`;

/** A mail shows the details of its own request, while its confirm link still has them. */
const CLAIMED = `
  SELECT o.id, o.attempts, o.payload, s.status, s.email,
         ${requestDetailColumns('s', ['name', 'title', 'organisation', 'city', 'listed', 'list_threshold', 'email_domain', 'lang'])},
         l.slug, l.title AS letter_title
  FROM outbox o JOIN signatures s ON s.id = o.signature_id JOIN letters l ON l.id = s.letter_id
    LEFT JOIN tokens t ON t.hash = o.verify_token_hash
  WHERE o.id IN (SELECT value FROM json_each(?1))`;

const SENT = 'DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?1))';

export function mailStore(db: Database, batch: SqlBatch): MailStore {
  return {
    async claimMail(now, leaseUntil, limit) {
      const [claimed = []] = await batch([{ sql: CLAIM, args: [now.getTime(), leaseUntil.getTime(), limit] }]);
      if (claimed.length === 0) return [];
      const [rows = []] = await batch([{ sql: CLAIMED, args: [JSON.stringify(claimed.map((row) => row.id))] }]);
      return rows.map(
        (row): MailJob => ({
          id: Number(row.id),
          attempts: Number(row.attempts),
          payload: JSON.parse(row.payload as string) as MailPayload,
          signature: {
            status: row.status as SignatureStatus,
            email: row.email as string | null,
            name: row.name as string | null,
            title: row.title as string | null,
            organisation: row.organisation as string | null,
            city: row.city as string | null,
            listed: Boolean(row.listed),
            listThreshold: row.list_threshold === null ? null : Number(row.list_threshold),
            emailDomain: row.email_domain as string | null,
            lang: row.lang as string,
          },
          letter: { slug: row.slug as string, title: row.letter_title as string },
        }),
      );
    },

    async mailSent(jobIds) {
      if (jobIds.length > 0) await batch([{ sql: SENT, args: [JSON.stringify(jobIds)] }]);
    },

    async mailFailed(jobId, error, next) {
      await db
        .update(outbox)
        .set(
          'retryAt' in next
            ? { lastError: error, nextAttemptAt: next.retryAt, claimedUntil: null }
            : { lastError: error, failedAt: next.gaveUpAt, claimedUntil: null, payload: {} },
        )
        .where(eq(outbox.id, jobId));
    },

    async outboxBacklog() {
      const [row] = await db.select({ n: count() }).from(outbox).where(isNull(outbox.failedAt));
      return row?.n ?? 0;
    },
  };
}
