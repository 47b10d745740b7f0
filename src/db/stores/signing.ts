import { and, asc, count, eq, gt, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { SigningStore, TokenPurpose, TokenSubject } from '../../domain/store.ts';
import type { Database } from '../database.ts';
import { letters, outbox, signatures, tokens } from '../schema.ts';

export function signingStore(db: Database): SigningStore {
  const tokenOwner = (hash: string, purpose: TokenPurpose) =>
    db
      .select({ id: tokens.signatureId })
      .from(tokens)
      .where(and(eq(tokens.hash, hash), eq(tokens.purpose, purpose)));

  const subjectOf = (hash: string, purpose: TokenPurpose) =>
    db
      .select({
        status: signatures.status,
        signatoryNumber: signatures.signatoryNumber,
        name: signatures.name,
        listed: signatures.listed,
        expiresAt: tokens.expiresAt,
        letter: {
          slug: letters.slug,
          title: letters.title,
          state: letters.state,
          signatureCount: letters.signatureCount,
          listedCount: letters.listedCount,
          countUpdatedAt: letters.countUpdatedAt,
        },
      })
      .from(tokens)
      .innerJoin(signatures, eq(signatures.id, tokens.signatureId))
      .innerJoin(letters, eq(letters.id, signatures.letterId))
      .where(and(eq(tokens.hash, hash), eq(tokens.purpose, purpose)));

  return {
    async recordSigning(s) {
      const now = s.now.getTime();
      const windowOpenedBefore = now - s.mailWindowMs;
      const queued = and(eq(signatures.mailNonce, s.nonce), eq(signatures.letterId, s.letterId));
      // Insert-selects list every column of their table, in order: drizzle's rule for INSERT … SELECT.
      const token = (hash: string, purpose: 'verify' | 'withdraw', expiresAt: number | null, state?: 'pending') =>
        db.insert(tokens).select(
          db
            .select({
              hash: sql<string>`${hash}`.as('hash'),
              signatureId: signatures.id,
              purpose: sql<string>`${purpose}`.as('purpose'),
              expiresAt: sql<number | null>`${expiresAt}`.as('expires_at'),
              usedAt: sql<null>`NULL`.as('used_at'),
            })
            .from(signatures)
            .where(and(queued, state && eq(signatures.status, state))),
        );
      const [, , , , mail] = await db.batch([
        // The unique (letter, email key) index makes racing requests for one address one row.
        db
          .insert(signatures)
          .values({
            letterId: s.letterId,
            status: 'pending',
            name: s.name,
            email: s.email,
            emailKey: s.emailKey,
            title: s.title ?? null,
            organisation: s.organisation ?? null,
            city: s.city ?? null,
            listed: s.listed,
            lang: s.lang,
            mailWindowStart: s.now,
            mailWindowCount: 0,
            createdAt: s.now,
          })
          .onConflictDoNothing({ target: [signatures.letterId, signatures.emailKey] }),
        // Take one mail from the address's allowance, starting a new window if the last one is over;
        // the nonce marks the row for the statements below only if there was mail left to take and
        // the letter is still open.
        db
          .update(signatures)
          .set({
            mailNonce: s.nonce,
            mailWindowCount: sql`CASE WHEN ${signatures.mailWindowStart} <= ${windowOpenedBefore}
              THEN 1 ELSE ${signatures.mailWindowCount} + 1 END`,
            mailWindowStart: sql`CASE WHEN ${signatures.mailWindowStart} <= ${windowOpenedBefore}
              THEN ${now} ELSE ${signatures.mailWindowStart} END`,
          })
          .where(
            and(
              eq(signatures.letterId, s.letterId),
              eq(signatures.emailKey, s.emailKey),
              inArray(signatures.letterId, db.select({ id: letters.id }).from(letters).where(eq(letters.state, 'open'))),
              or(
                lte(signatures.mailWindowStart, new Date(windowOpenedBefore)),
                sql`${signatures.mailWindowCount} < ${s.mailsPerWindow}`,
              ),
            ),
          ),
        token(s.verifyTokenHash, 'verify', s.verifyExpiresAt.getTime(), 'pending'),
        token(s.withdrawTokenHash, 'withdraw', null),
        db
          .insert(outbox)
          .select(
            db
              .select({
                id: sql<null>`NULL`.as('id'),
                signatureId: signatures.id,
                payload: sql<string>`${JSON.stringify(s.payload)}`.as('payload'),
                attempts: sql<number>`0`.as('attempts'),
                nextAttemptAt: sql<number>`${now}`.as('next_attempt_at'),
                claimedUntil: sql<null>`NULL`.as('claimed_until'),
                lastError: sql<null>`NULL`.as('last_error'),
                failedAt: sql<null>`NULL`.as('failed_at'),
                createdAt: sql<number>`${now}`.as('created_at'),
              })
              .from(signatures)
              .where(queued),
          )
          .returning({ id: outbox.id }),
      ]);
      return { mailQueued: mail.length > 0 };
    },

    tokenSubject: async (hash, purpose) => first(await subjectOf(hash, purpose)),

    async confirm(hash, now) {
      const [confirmed, , , subject] = await db.batch([
        db
          .update(signatures)
          .set({ status: 'verified', verifiedAt: now })
          .where(
            and(
              eq(signatures.status, 'pending'),
              inArray(
                signatures.id,
                db
                  .select({ id: tokens.signatureId })
                  .from(tokens)
                  .where(
                    and(
                      eq(tokens.hash, hash),
                      eq(tokens.purpose, 'verify'),
                      isNull(tokens.usedAt),
                      gt(tokens.expiresAt, now),
                    ),
                  ),
              ),
              inArray(signatures.letterId, db.select({ id: letters.id }).from(letters).where(eq(letters.state, 'open'))),
            ),
          )
          .returning({ id: signatures.id }),
        // The count trigger has just run: the letter's count now includes this signature.
        db
          .update(signatures)
          .set({
            signatoryNumber: sql`(SELECT ${letters.signatureCount} FROM ${letters} WHERE ${letters.id} = ${signatures.letterId})`,
          })
          .where(
            and(
              isNull(signatures.signatoryNumber),
              eq(signatures.status, 'verified'),
              inArray(signatures.id, tokenOwner(hash, 'verify')),
            ),
          ),
        db
          .update(tokens)
          .set({ usedAt: now })
          .where(
            and(
              eq(tokens.hash, hash),
              isNull(tokens.usedAt),
              inArray(tokens.signatureId, db.select({ id: signatures.id }).from(signatures).where(eq(signatures.status, 'verified'))),
            ),
          ),
        subjectOf(hash, 'verify'),
      ]);
      return { confirmed: confirmed.length > 0, subject: first(subject) };
    },

    async withdraw(hash, now) {
      const owner = tokenOwner(hash, 'withdraw');
      const [withdrawn, , , , subject] = await db.batch([
        db
          .update(signatures)
          .set({
            status: 'withdrawn',
            withdrawnAt: now,
            name: null,
            email: null,
            emailKey: null,
            title: null,
            organisation: null,
            city: null,
            listed: false,
            mailNonce: null,
          })
          .where(and(inArray(signatures.id, owner), ne(signatures.status, 'withdrawn')))
          .returning({ id: signatures.id }),
        // Unsent mail and every other link to this signature go; this link stays to say it is done.
        db.delete(outbox).where(inArray(outbox.signatureId, owner)),
        db.delete(tokens).where(and(inArray(tokens.signatureId, owner), ne(tokens.hash, hash))),
        db.update(tokens).set({ usedAt: now }).where(and(eq(tokens.hash, hash), isNull(tokens.usedAt))),
        subjectOf(hash, 'withdraw'),
      ]);
      return { withdrawn: withdrawn.length > 0, subject: first(subject) };
    },

  };
}

function first(rows: TokenSubject[]): TokenSubject | undefined {
  return rows[0];
}
