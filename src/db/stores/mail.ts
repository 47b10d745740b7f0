import { and, asc, count, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { MailJob, MailStore } from '../../domain/store.ts';
import type { Database } from '../database.ts';
import { letters, outbox, signatures } from '../schema.ts';

export function mailStore(db: Database): MailStore {
  return {
    async claimMail(now, leaseUntil, limit) {
      const due = db
        .select({ id: outbox.id })
        .from(outbox)
        .where(
          and(
            isNull(outbox.failedAt),
            lte(outbox.nextAttemptAt, now),
            or(isNull(outbox.claimedUntil), lte(outbox.claimedUntil, now)),
          ),
        )
        .orderBy(asc(outbox.id))
        .limit(limit);
      // One UPDATE claims the jobs: a second worker running the same statement cannot take them too.
      const claimed = await db
        .update(outbox)
        .set({ claimedUntil: leaseUntil, attempts: sql`${outbox.attempts} + 1` })
        .where(inArray(outbox.id, due))
        .returning({ id: outbox.id });
      if (claimed.length === 0) return [];
      const rows = await db
        .select({
          id: outbox.id,
          attempts: outbox.attempts,
          payload: outbox.payload,
          signature: {
            status: signatures.status,
            email: signatures.email,
            name: signatures.name,
            listed: signatures.listed,
            listThreshold: signatures.listThreshold,
            emailDomain: signatures.emailDomain,
            lang: signatures.lang,
          },
          letter: { slug: letters.slug, title: letters.title },
        })
        .from(outbox)
        .innerJoin(signatures, eq(signatures.id, outbox.signatureId))
        .innerJoin(letters, eq(letters.id, signatures.letterId))
        .where(
          inArray(
            outbox.id,
            claimed.map((job) => job.id),
          ),
        );
      return rows satisfies MailJob[];
    },

    async mailSent(jobIds) {
      if (jobIds.length > 0) await db.delete(outbox).where(inArray(outbox.id, jobIds));
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
