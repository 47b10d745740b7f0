import { z } from 'zod';
import { LanguageTag } from '../i18n/language-tag.ts';
import { ONE_LINE_MAX, oneLineText } from './one-line-text.ts';

/** The optional fields of the sign form, and whether a letter leaves them out, offers or requires them. */
export const OPTIONAL_FIELDS = ['title', 'organisation', 'city'] as const;
export type OptionalField = (typeof OPTIONAL_FIELDS)[number];
export const FieldUse = z.enum(['off', 'optional', 'required'], { error: 'Use "off", "optional" or "required".' });
export type FieldUse = z.infer<typeof FieldUse>;
/** Per optional field; a field not named is optional. */
export const FormFields = z.strictObject({ title: FieldUse, organisation: FieldUse, city: FieldUse }).partial();
export type FormFields = z.infer<typeof FormFields>;

// A title is one line: it goes into mail subjects and page titles.
const title = oneLineText({ label: 'Title', max: ONE_LINE_MAX.detail, scripts: 'words', required: 'Enter a title.' });
const body = z.string({ error: 'Text must be text.' }).trim().min(1, 'Enter the text of the letter.').max(200_000, 'Use at most 200,000 characters.');
// No defaults or transforms that act on a missing value here: LetterPatch makes these optional, and
// a missing field there must stay missing (unchanged), not become a default.
const summary = z
  .string({ error: 'Summary must be text.' })
  .trim()
  .max(300, 'Use at most 300 characters.')
  .transform((v) => v || null)
  .nullable();

// Who is behind the letter and to whom it goes: one line each, words of any script ("Рада БНР, Ivan Ivanov").
const lineOrNull = (label: string) =>
  oneLineText({ label, max: ONE_LINE_MAX.detail, scripts: 'words' })
    .transform((v) => v || null)
    .nullable();
const organisedBy = lineOrNull('Organised by').meta({ description: 'Who is behind the letter, shown as "Organised by …".' });
const addressee = lineOrNull('Addressee').meta({ description: 'To whom the letter is addressed, shown as "To …".' });

export const Translation = z.strictObject({
  title,
  body,
  summary: summary.optional().transform((v) => v ?? null),
  organisedBy: organisedBy.optional().transform((v) => v ?? null),
  addressee: addressee.optional().transform((v) => v ?? null),
});
export type Translation = z.infer<typeof Translation>;

const letterFields = {
  slug: z
    .string({ error: 'Slug must be text.' })
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single hyphens, like "open-letter-2020".')
    .max(80, 'Use at most 80 characters.'),
  title,
  body,
  summary,
  organisedBy,
  addressee,
  publishedOn: z.iso
    .date({ error: 'Give the date as YYYY-MM-DD, like 2026-03-25.' })
    .nullable()
    .meta({ description: 'The day the letter is dated, YYYY-MM-DD.' }),
  deadline: z.iso
    .datetime({ offset: true, error: 'Give the deadline as a date and time with its offset, like 2026-03-25T18:00:00Z.' })
    .transform((v) => new Date(v))
    .nullable()
    .meta({ description: 'From this moment the letter takes no signatures: it closes itself. An ISO 8601 time with its offset.' }),
  lang: LanguageTag,
  status: z
    .enum(['draft', 'open', 'closed'], { error: 'Status is one of draft, open, closed.' })
    .meta({ description: '`state`, its old name, is still accepted; `status` wins when both are sent.' }),
  goal: z
    .number({ error: 'Goal must be a number.' })
    .int('Goal must be a whole number.')
    .positive('Goal must be above 0.')
    .max(1_000_000_000, 'Goal is too large.')
    .nullable(),
  formFields: FormFields,
  listThresholds: z
    .array(
      z
        .number({ error: 'A threshold is a number of signatures.' })
        .int('A threshold is a whole number.')
        .min(2, 'A threshold is at least 2 signatures.')
        .max(1_000_000_000, 'A threshold is at most 1,000,000,000.'),
      { error: 'Give the thresholds as a list of numbers.' },
    )
    .max(5, 'Offer at most 5 thresholds.')
    .refine((list) => new Set(list).size === list.length, 'Each threshold once.')
    .transform((list) => [...list].sort((a, b) => a - b))
    .meta({ description: 'The counts a signer may choose to wait for before their name is listed ("once 1,000 have signed").' }),
  // Time to catch and hide a burst of made-up signatures before it releases anyone's name.
  listDelayHours: z
    .number({ error: 'The delay is a number of hours.' })
    .int('The delay is a whole number of hours.')
    .min(0, 'The delay is 0 hours or more.')
    .max(24 * 90, 'The delay is at most 2,160 hours (90 days).')
    .meta({ description: 'Hours a threshold must have held before the names waiting for it are listed.' }),
  anonymiseAfterDays: z
    .number({ error: 'Days must be a number.' })
    .int('Days must be a whole number.')
    .min(0, 'Days must be 0 or more.')
    .max(3650, 'Use at most 3,650 days.')
    .nullable(),
  proofOfWork: z
    .boolean({ error: 'Proof of work is true or false.' })
    .meta({ description: 'Ask every signer for a proof of work (it is asked anyway while the letter is flooded).' }),
  translations: z
    .record(LanguageTag, Translation, { error: 'Translations map language tags to a title and text.' })
    .meta({ description: 'The letter in further languages, by language tag.' }),
};

/** A letter as an organizer writes it. */
export const LetterInput = z.strictObject({
  ...letterFields,
  summary: summary.optional(),
  organisedBy: organisedBy.optional(),
  addressee: addressee.optional(),
  publishedOn: letterFields.publishedOn.optional(),
  deadline: letterFields.deadline.optional(),
  lang: LanguageTag.default('en'),
  status: letterFields.status.default('draft'),
  goal: letterFields.goal.optional(),
  anonymiseAfterDays: letterFields.anonymiseAfterDays.optional(),
  formFields: FormFields.default({}),
  listThresholds: letterFields.listThresholds.default([]),
  listDelayHours: letterFields.listDelayHours.default(24),
  proofOfWork: letterFields.proofOfWork.default(false),
  translations: letterFields.translations.default({}),
});
export type LetterInput = z.infer<typeof LetterInput>;

/** A change to a letter: any of its fields; `translations`, when given, replaces them all. */
export const LetterPatch = z.strictObject(letterFields).partial();
export type LetterPatch = z.infer<typeof LetterPatch>;

/**
 * A letter's fields as sent, with `state`, the old name of `status`, read as `status` (which wins when
 * both are sent): clients written before the rename keep working.
 */
export function withRenamedFields(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !('state' in body)) return body;
  const { state, ...fields } = body as Record<string, unknown>;
  return 'status' in fields ? fields : { ...fields, status: state };
}
