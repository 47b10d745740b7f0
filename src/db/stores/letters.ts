import { and, asc, eq, gt, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Translation } from '../../domain/letter-input.ts';
import type { LetterStore } from '../../domain/store.ts';
import type { Database } from '../database.ts';
import { isUniqueViolation } from '../errors.ts';
import { letters, letterTranslations, signatures } from '../schema.ts';
import { auditStatement } from './audit.ts';

const counted = sql`(SELECT count(*) FROM ${signatures}
  WHERE ${signatures.letterId} = ${letters.id} AND ${signatures.status} = 'verified' AND ${signatures.hidden} = 0)`;
const listed = sql`(SELECT count(*) FROM ${signatures}
  WHERE ${signatures.letterId} = ${letters.id} AND ${signatures.status} = 'verified' AND ${signatures.hidden} = 0
    AND ${signatures.listed} = 1)`;
const wrong = or(ne(letters.signatureCount, counted), ne(letters.listedCount, listed));

export function letterStore(db: Database): LetterStore {
  const insertTranslations = (letterId: number | SQL, translations: Record<string, Translation>) =>
    Object.entries(translations).map(([lang, t]) =>
      db.insert(letterTranslations).values({ letterId, lang, ...t }),
    );

  return {
    // Each method returns a promise: a drizzle query runs again every time it is awaited, and callers
    // keep what they get (the letter page keeps the translations with the letter).
    openLetters: async (now) =>
      db
        .select()
        .from(letters)
        .where(and(eq(letters.status, 'open'), or(isNull(letters.deadline), gt(letters.deadline, now))))
        .orderBy(asc(letters.id)),

    allLetters: async () => db.select().from(letters).orderBy(asc(letters.id)),

    letterBySlug: async (slug) => (await db.select().from(letters).where(eq(letters.slug, slug)))[0],

    translations: async (letterId) =>
      db
        .select({
          lang: letterTranslations.lang,
          title: letterTranslations.title,
          body: letterTranslations.body,
          summary: letterTranslations.summary,
          organisedBy: letterTranslations.organisedBy,
          addressee: letterTranslations.addressee,
        })
        .from(letterTranslations)
        .where(eq(letterTranslations.letterId, letterId))
        .orderBy(asc(letterTranslations.lang)),

    async createLetter(input, actor, now) {
      const { translations, ...fields } = input;
      const created = sql`(SELECT ${letters.id} FROM ${letters} WHERE ${letters.slug} = ${input.slug})`;
      try {
        const [rows] = await db.batch([
          db
            .insert(letters)
            .values({
              ...fields,
              signatureCount: 0,
              closedAt: fields.status === 'closed' ? now : null,
              countUpdatedAt: now,
              createdAt: now,
              updatedAt: now,
            })
            .returning(),
          ...insertTranslations(created, translations),
          auditStatement(db, { actor, action: 'letter_create', letterId: created, detail: { slug: input.slug }, at: now }),
        ] as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
        return (rows as (typeof letters.$inferSelect)[])[0]!;
      } catch (error) {
        if (isUniqueViolation(error)) return 'slug_taken';
        throw error;
      }
    },

    async updateLetter(letterId, patch, actor, now) {
      const { translations, ...fields } = patch;
      try {
        const closedAt = fields.status === undefined ? {} : { closedAt: fields.status === 'closed' ? sql`coalesce(${letters.closedAt}, ${now.getTime()})` : null };
        const [rows] = await db.batch([
          db
            .update(letters)
            .set({ ...fields, ...closedAt, updatedAt: now })
            .where(eq(letters.id, letterId))
            .returning(),
          ...(translations
            ? [
                db.delete(letterTranslations).where(eq(letterTranslations.letterId, letterId)),
                ...insertTranslations(letterId, translations),
              ]
            : []),
          auditStatement(db, {
            actor,
            action: fields.status && Object.keys(patch).length === 1 ? `letter_${fields.status}` : 'letter_update',
            letterId,
            detail: { fields: Object.keys(patch) },
            at: now,
          }),
        ] as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
        return (rows as (typeof letters.$inferSelect)[])[0]!;
      } catch (error) {
        if (isUniqueViolation(error)) return 'slug_taken';
        throw error;
      }
    },

    countMismatches: async () =>
      db
        .select({
          letterId: letters.id,
          slug: letters.slug,
          stored: letters.signatureCount,
          actual: sql<number>`${counted}`,
          listedStored: letters.listedCount,
          listedActual: sql<number>`${listed}`,
        })
        .from(letters)
        .where(wrong)
        .orderBy(asc(letters.id)),

    async repairCount(letterId, actor, now) {
      await db.batch([
        auditStatement(db, {
          actor,
          action: 'count_repair',
          letterId,
          detail: sql`(SELECT json_object('from', ${letters.signatureCount}, 'to', ${counted},
            'listedFrom', ${letters.listedCount}, 'listedTo', ${listed}) FROM ${letters} WHERE ${letters.id} = ${letterId})`,
          at: now,
        }),
        db
          .update(letters)
          .set({ signatureCount: counted, listedCount: listed, countUpdatedAt: now })
          .where(and(eq(letters.id, letterId), wrong)),
      ]);
    },
  };
}
