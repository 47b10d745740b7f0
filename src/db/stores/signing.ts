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
      const queuedBy = eq(signatures.mailNonce, s.nonce);
      const [, , , , queued] = await db.batch([
        // The unique (letter, email key) index makes racing requests for one address one row.
        db.run(sql`
          INSERT INTO ${signatures} (letter_id, status, name, email, email_key, title, organisation, city,
                                     listed, lang, mail_window_start, mail_window_count, created_at)
          SELECT ${s.letterId}, 'pending', ${s.name}, ${s.email}, ${s.emailKey}, ${s.title ?? null},
                 ${s.organisation ?? null}, ${s.city ?? null}, ${s.listed ? 1 : 0}, ${s.lang}, ${now}, 0, ${now}
          FROM ${letters} WHERE ${letters.id} = ${s.letterId} AND ${letters.state} = 'open'
          ON CONFLICT (letter_id, email_key) DO NOTHING`),
        // Take one mail from the address's allowance, starting a new window if the last one is over;
        // the nonce marks the row for the statements below only if there was mail left to take.
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
              or(
                lte(signatures.mailWindowStart, new Date(windowOpenedBefore)),
                sql`${signatures.mailWindowCount} < ${s.mailsPerWindow}`,
              ),
            ),
          ),
        db.run(sql`
          INSERT INTO ${tokens} (hash, signature_id, purpose, expires_at)
          SELECT ${s.verifyTokenHash}, ${signatures.id}, 'verify', ${s.verifyExpiresAt.getTime()}
          FROM ${signatures} WHERE ${queuedBy} AND ${signatures.status} = 'pending'`),
        db.run(sql`
          INSERT INTO ${tokens} (hash, signature_id, purpose, expires_at)
          SELECT ${s.withdrawTokenHash}, ${signatures.id}, 'withdraw', NULL
          FROM ${signatures} WHERE ${queuedBy}`),
        db.all<{ id: number }>(sql`
          INSERT INTO ${outbox} (signature_id, payload, attempts, next_attempt_at, created_at)
          SELECT ${signatures.id}, ${JSON.stringify(s.payload)}, 0, ${now}, ${now}
          FROM ${signatures} WHERE ${queuedBy}
          RETURNING id`),
      ]);
      return { mailQueued: queued.length > 0 };
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
