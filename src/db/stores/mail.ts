import { count, eq, isNull } from 'drizzle-orm';
import type { MailStore } from '../../domain/store.ts';
import type { Database } from '../database.ts';
import { outbox } from '../schema.ts';

/** The outbox's slower paths; claiming and clearing jobs are raw (see raw/outbox-claim.ts). */
export function mailStore(db: Database): Omit<MailStore, 'claimMail' | 'mailSent'> {
  return {
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
