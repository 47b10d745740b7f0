import { z } from 'zod';
import { LanguageTag } from '../i18n/language-tag.ts';
import { OPTIONAL_FIELDS, type FormFields, type OptionalField } from './letter-input.ts';
import { ONE_LINE_MAX, oneLineText, personName } from './one-line-text.ts';

/** RFC 5321: a path is at most 256 octets with its angle brackets. */
export const EMAIL_MAX = 254;

const detail = (label: string) =>
  oneLineText({ label, max: ONE_LINE_MAX.detail, scripts: 'words', signer: true })
    .nullish()
    .transform((value) => value || undefined);

/** What a signer sends, from the form or as JSON (the same field names). */
export const SignInput = z.strictObject(
  {
    name: personName('Name', ONE_LINE_MAX.name, 'Enter your name.'),
    email: z
      .string({ error: 'Email must be text.' })
      .trim()
      .min(1, 'Enter your email address.')
      .max(EMAIL_MAX, `An email address can be at most ${EMAIL_MAX} characters.`)
      // RFC 5321: a local part is at most 64 octets.
      .refine((value) => value.lastIndexOf('@') <= 64, 'The part before @ can be at most 64 characters.')
      .pipe(z.email('Enter a valid email address, like name@example.org.')),
    title: detail('Title'),
    organisation: detail('Organisation'),
    city: detail('City'),
    listed: z
      .boolean({ error: 'Say whether your name may be listed publicly (true or false).' })
      .meta({ description: 'Whether the name may be listed publicly once confirmed.' }),
    listAt: z
      .number({ error: 'List-at must be a number of signatures.' })
      .int('List-at must be a whole number.')
      .optional()
      .meta({ description: "List the name only once the letter has this many signatures: one of the letter's thresholds." }),
    showDomain: z
      .boolean({ error: 'Say whether to show your email domain as verified (true or false).' })
      .optional()
      .meta({ description: 'Show the email’s domain as a verified affiliation ("verified at @company.by"); never for free mail.' }),
    lang: LanguageTag.optional(),
  },
  { error: 'Send the signature as a JSON object.' },
);
export type SignInput = z.infer<typeof SignInput>;

/** The details a person may correct on the confirm page, by the same rules as signing. */
export const ConfirmInput = SignInput.pick({ name: true, title: true, organisation: true, city: true });
export type ConfirmInput = z.infer<typeof ConfirmInput>;

const FIELD_NAMES = { title: 'a title or role', organisation: 'an organisation', city: 'a city' } as const;

/**
 * What a letter's settings say about a signing: required fields left empty, unasked ones sent, a
 * listing threshold the letter does not offer.
 */
export function formFieldProblems(
  letter: { formFields: FormFields; listThresholds: number[] },
  input: SignInput,
): Record<string, string> {
  const { formFields, listThresholds } = letter;
  const problems: Record<string, string> = {};
  if (input.listAt !== undefined && !input.listed) {
    problems.listAt = 'List-at only applies to a name that is listed (listed: true).';
  } else if (input.listAt !== undefined && !listThresholds.includes(input.listAt)) {
    problems.listAt = listThresholds.length
      ? `This letter lists names from ${listThresholds.join(', ')} signatures on.`
      : 'This letter does not offer listing from a number of signatures.';
  }
  return { ...problems, ...optionalFieldProblems(formFields, input) };
}

/** Required optional fields left empty, and fields the letter does not ask for that were sent. */
export function optionalFieldProblems(formFields: FormFields, input: Pick<SignInput, OptionalField>): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const field of OPTIONAL_FIELDS) {
    const use = formFields[field] ?? 'optional';
    if (use === 'required' && !input[field]) problems[field] = `Enter ${FIELD_NAMES[field]}.`;
    if (use === 'off' && input[field]) problems[field] = `This letter does not ask for ${FIELD_NAMES[field]}.`;
  }
  return problems;
}
