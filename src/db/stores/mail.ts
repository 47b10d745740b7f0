import { count, eq, isNull, sql } from 'drizzle-orm';
import type { MailAlarm } from '../../domain/entities.ts';
import type { MailStore } from '../../domain/store.ts';
import type { Database } from '../database.ts';
import { mailDelivery, outbox, settings, signatures } from '../schema.ts';

/** The settings row of the mail alarm: every process (web, `undersigned mailer`) sees the same one. */
export const MAIL_ALARM_KEY = 'mail_alarm';

/** The outbox's slower paths; claiming and clearing jobs are raw (see raw/outbox-claim.ts). */
export function mailStore(db: Database): Omit<MailStore, 'claimMail' | 'renewMailClaim' | 'mailSent'> {
  return {
    async mailFailed(jobId, { detail, reason, at }, next) {
      await db.batch([
        db
          .update(outbox)
          .set(
            'retryAt' in next
              ? { lastError: detail, nextAttemptAt: next.retryAt, claimedUntil: null }
              : { lastError: detail, failedAt: next.gaveUpAt, claimedUntil: null, payload: {} },
          )
          .where(eq(outbox.id, jobId)),
        db
          .insert(mailDelivery)
          .select(
            db
              .select({
                letterId: signatures.letterId,
                sent: sql`0`.as('sent'),
                lastError: sql`${reason}`.as('last_error'),
                lastErrorAt: sql`${at.getTime()}`.as('last_error_at'),
              })
              .from(outbox)
              .innerJoin(signatures, eq(signatures.id, outbox.signatureId))
              .where(eq(outbox.id, jobId)),
          )
          .onConflictDoUpdate({ target: mailDelivery.letterId, set: { lastError: reason, lastErrorAt: at } }),
      ]);
    },

    async raiseMailAlarm(alarm) {
      // The alarm keeps the time it was first raised; its reason is the latest.
      const value = JSON.stringify({ since: alarm.since.getTime(), reason: alarm.reason });
      await db
        .insert(settings)
        .values({ key: MAIL_ALARM_KEY, value })
        .onConflictDoUpdate({ target: settings.key, set: { value: sql`json_set(${settings.value}, '$.reason', ${alarm.reason})` } });
    },

    async mailAlarm(): Promise<MailAlarm | undefined> {
      const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, MAIL_ALARM_KEY));
      if (!row) return undefined;
      const { since, reason } = JSON.parse(row.value) as { since: number; reason: string };
      return { since: new Date(since), reason };
    },

    async mailDelivery(letterId) {
      const [[jobs], [stats]] = await db.batch([
        db
          .select({
            retrying: sql<number>`COALESCE(SUM(${outbox.failedAt} IS NULL AND ${outbox.lastError} IS NOT NULL), 0)`,
            refused: sql<number>`COALESCE(SUM(${outbox.failedAt} IS NOT NULL), 0)`,
          })
          .from(outbox)
          .innerJoin(signatures, eq(signatures.id, outbox.signatureId))
          .where(eq(signatures.letterId, letterId)),
        db.select().from(mailDelivery).where(eq(mailDelivery.letterId, letterId)),
      ]);
      return {
        sent: stats?.sent ?? 0,
        retrying: Number(jobs?.retrying ?? 0),
        refused: Number(jobs?.refused ?? 0),
        lastError: stats?.lastError && stats.lastErrorAt ? { at: stats.lastErrorAt, reason: stats.lastError } : null,
      };
    },

    async outboxBacklog() {
      const [row] = await db.select({ n: count() }).from(outbox).where(isNull(outbox.failedAt));
      return row?.n ?? 0;
    },
  };
}
