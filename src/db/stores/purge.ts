import { and, eq, isNotNull, lte, notExists, sql } from 'drizzle-orm';
import { MAIL_WINDOW_MS } from '../../domain/sign.ts';
import type { PurgeStore } from '../../domain/store.ts';
import type { Database } from '../database.ts';
import { expiredSignings, letters, mailAllowances, sessions, signatures, tokens } from '../schema.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** When a letter closed: closed by its organizers, or open past its deadline (see statusAt); NULL while it takes signatures. */
const closedSince = sql`(CASE ${letters.status} WHEN 'closed' THEN ${letters.closedAt} WHEN 'open' THEN ${letters.deadline} END)`;

export function purgeStore(db: Database): PurgeStore {
  return {
    async purge(now) {
      // Pending, and none of its confirm links can still confirm it.
      const expired = and(
        eq(signatures.status, 'pending'),
        notExists(
          db
            .select({ one: sql`1` })
            .from(tokens)
            .where(and(eq(tokens.signatureId, signatures.id), eq(tokens.purpose, 'confirm'), sql`${tokens.expiresAt} > ${now.getTime()}`)),
        ),
      );
      const [, unverified, anonymised] = await db.batch([
        // Counted before they go, for the confirmation rate.
        db
          .insert(expiredSignings)
          .select(
            db
              .select({ letterId: signatures.letterId, expired: sql`COUNT(*)`.as('expired') })
              .from(signatures)
              .where(expired)
              .groupBy(signatures.letterId),
          )
          .onConflictDoUpdate({ target: expiredSignings.letterId, set: { expired: sql`${expiredSignings.expired} + excluded.expired` } }),
        // Tokens and mail jobs go with their signature (ON DELETE CASCADE).
        db
          .delete(signatures)
          .where(expired)
          .returning({ id: signatures.id }),
        db
          .update(signatures)
          .set({ email: null, emailKey: null, mailNonce: null })
          .where(
            and(
              isNotNull(signatures.email),
              sql`${signatures.letterId} IN (
                SELECT ${letters.id} FROM ${letters}
                WHERE ${letters.anonymiseAfterDays} IS NOT NULL
                  AND ${closedSince} + ${letters.anonymiseAfterDays} * ${DAY_MS} <= ${now.getTime()})`,
            ),
          )
          .returning({ id: signatures.id }),
        db.delete(sessions).where(lte(sessions.expiresAt, now)),
        // A mailbox's allowance is a keyed hash of its address: kept only while its window lasts.
        db.delete(mailAllowances).where(lte(mailAllowances.windowStart, new Date(now.getTime() - MAIL_WINDOW_MS))),
      ]);
      return { unverified: unverified.length, anonymised: anonymised.length };
    },
  };
}
