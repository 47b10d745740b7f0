import { z } from 'zod';
import { ERROR_CODES } from '../domain/errors.ts';
import { DomainOrganisationInput } from '../domain/affiliation.ts';
import { FormFields } from '../domain/letter-input.ts';
import { SignInput } from '../domain/sign-input.ts';
import { SIGNING_SOURCES } from '../domain/signing-source.ts';
import { PROOF_FIELD } from '../views/sign-form-fields.ts';

/**
 * The answers of the JSON API under /api, as zod schemas for its OpenAPI description (see
 * openapi.ts). Strict objects: a field a route adds or drops without its schema fails the test that
 * checks real answers against the served description.
 */

const time = z.iso.datetime({ message: 'An ISO 8601 time in UTC' });
const text = z.string().nullable();
const count = z.int().min(0);
const letterStatus = z.enum(['draft', 'open', 'closed']);

export const ApiError = z
  .strictObject({
    error: z.strictObject({
      // internal_error: the answer of a failure on the site's side (500), with no details.
      code: z.enum([...ERROR_CODES, 'internal_error']).meta({ description: 'Stable, for programs.' }),
      message: z.string().meta({ description: 'For people, in English.' }),
      fields: z.record(z.string(), z.string()).optional().meta({ description: 'With invalid_input (and a taken slug): a message per field.' }),
    }),
  })
  .meta({ description: 'Every error under /api.' });

export const ApiDescription = z
  .looseObject({ openapi: z.literal('3.1.0'), paths: z.record(z.string(), z.unknown()) })
  .meta({ description: 'This description: OpenAPI 3.1.' });

const LetterSummary = z.strictObject({
  slug: z.string(),
  title: z.string(),
  url: z.url().meta({ description: 'The letter page.' }),
  count: count.meta({ description: 'Confirmed signatures, not withdrawn, not hidden.' }),
  display: z.string().meta({ description: 'The count as shown, rounded down ("2,500+"), in the asked locale.' }),
});

export const LetterList = z.strictObject({ letters: z.array(LetterSummary) });

const organisedBy = text.meta({ description: 'Who is behind the letter ("Organised by …").' });
const addressee = text.meta({ description: 'To whom the letter is addressed ("To …").' });
const publishedOn = z.iso.date().nullable().meta({ description: 'The day the letter is dated, YYYY-MM-DD.' });
const deadline = time.nullable().meta({ description: 'From this moment the letter takes no signatures.' });

export const PublicLetter = LetterSummary.extend({
  summary: text,
  organisedBy,
  addressee,
  publishedOn,
  lang: z.string(),
  status: letterStatus.exclude(['draft']).meta({ description: '`closed` once the deadline has passed.' }),
  deadline,
  goal: z.int().nullable(),
  updatedAt: time.meta({ description: 'When the count last changed.' }),
});

export const SignedCount = z
  .strictObject({
    count,
    display: z.string(),
    updatedAt: time,
    slug: z.string(),
    textSha256: z.string().regex(/^[0-9a-f]{64}$/),
    keyId: z.string().regex(/^[0-9a-f]{16}$/),
    signature: z.string().meta({ description: 'Ed25519, base64url; checked with the key at /.well-known/undersigned.json.' }),
  })
  .meta({ description: 'The count, signed by the site (docs/signed-counts-and-mirror.md).' });

export const ShieldsEndpoint = z
  .strictObject({ schemaVersion: z.literal(1), label: z.string(), message: z.string(), color: z.string() })
  .meta({ description: "shields.io's endpoint badge schema; the signed count is in the Undersigned-Count-Proof header." });

export const PublicSignatures = z.strictObject({
  signatures: z.array(
    z.strictObject({
      name: text,
      title: text,
      organisation: text,
      city: text,
      domain: text.meta({ description: 'The email domain the signer chose to show, verified by their confirming.' }),
      domainOrganisation: text,
      notable: z.boolean(),
      notableNote: text.meta({ description: 'How the organizers verified a notable signatory.' }),
    }),
  ),
  next: text.meta({ description: 'The `cursor` of the next page; null on the last.' }),
  unlisted: count.meta({ description: 'Counted signers who are not listed.' }),
  waiting: count.meta({ description: 'Names listed once the count reaches the threshold their signers chose.' }),
});

export const DomainAggregates = z.strictObject({
  minimum: count.meta({ description: 'A domain is shown from this many verified signers on.' }),
  domains: z.array(z.strictObject({ domain: z.string(), organisation: text, atLeast: count })),
});

/** The JSON signing: the signer's fields and, while the letter asks for one, a proof of work. */
export const SigningRequest = SignInput.extend({
  [PROOF_FIELD]: z
    .string()
    .optional()
    .meta({ description: 'A solved challenge of GET /api/letters/{slug}/challenge, base64 (docs/api.md); required while the letter asks for a proof of work.' }),
});

export const SigningAccepted = z
  .strictObject({ status: z.literal('pending_verification') })
  .meta({ description: 'The same answer whatever the state of the email address: a mail to it says what follows.' });

export const Challenge = z
  .strictObject({
    parameters: z.strictObject({
      algorithm: z.literal('PBKDF2/SHA-256'),
      nonce: z.string(),
      salt: z.string(),
      cost: z.int(),
      keyLength: z.int(),
      keyPrefix: z.string(),
      expiresAt: z.int().meta({ description: 'Unix time in seconds.' }),
    }),
    signature: z.string(),
  })
  .meta({ description: 'An ALTCHA v2 proof-of-work challenge.' });

const adminLetterFields = {
  slug: z.string(),
  title: z.string(),
  summary: text,
  organisedBy,
  addressee,
  publishedOn,
  body: z.string().meta({ description: 'Markdown.' }),
  lang: z.string(),
  status: letterStatus.meta({ description: 'As set: an `open` letter past its deadline stays `open` here and takes no signatures.' }),
  deadline,
  goal: z.int().nullable(),
  formFields: FormFields,
  listThresholds: z.array(z.int()),
  listDelayHours: count,
  proofOfWork: z.boolean(),
  count,
  updatedAt: time,
};

export const AdminLetterList = z.strictObject({ letters: z.array(z.strictObject(adminLetterFields)) });

/** How the letter's mail goes. */
export const MailDelivery = z.strictObject({
  sent: count.meta({ description: 'Mails handed to the mail server.' }),
  retrying: count.meta({ description: 'Mails that failed and wait for another attempt.' }),
  refused: count.meta({ description: "Mails the recipient's server refused for good, or whose links expired before they went." }),
  lastError: z
    .strictObject({ at: time, reason: z.string() })
    .nullable()
    .meta({ description: 'The latest failure: its codes and step, never an address.' }),
});

const kinds = {
  confirmed: count.meta({ description: 'Confirmed since, and neither withdrawn nor hidden.' }),
  pending: count.meta({ description: 'Not confirmed yet (links still live); deleted once their links expire.' }),
  withdrawn: count,
  hidden: count.meta({ description: 'Hidden by the organizers, and not withdrawn.' }),
};

/** A letter's dashboard figures: docs/organizers.md, "See it grow". */
export const LetterGrowth = z.strictObject({
  hours: z
    .array(z.strictObject({ start: time, ...kinds }))
    .meta({ description: 'The last 48 hours, oldest first: signatures made in each hour, by what became of them.' }),
  days: z
    .array(z.strictObject({ day: z.iso.date(), ...kinds }))
    .meta({ description: 'Every day (UTC) from the first signature to today (the last 730 at most), the same way.' }),
  confirmation: z.strictObject({
    confirmed: count.meta({ description: 'Signatures ever confirmed, withdrawn since or not.' }),
    pending: count.meta({ description: 'Not confirmed yet, hidden or not.' }),
    withdrawnUnconfirmed: count.meta({ description: 'Withdrawn before being confirmed.' }),
    expired: count.meta({ description: 'Pending signatures deleted once their confirmation links expired.' }),
    rate: z.number().min(0).max(1).nullable().meta({ description: 'confirmed / (all four); null before anyone signed.' }),
  }),
  mail: MailDelivery,
  sources: z
    .array(
      z.strictObject({
        day: z.iso.date(),
        source: z.enum(SIGNING_SOURCES).meta({ description: 'The `?src=` tag of the link the signer came through; `direct` without one, `api` for this JSON API.' }),
        signings: count.meta({ description: 'New signatures that day, counted at signing.' }),
      }),
    )
    .meta({ description: 'Newest day first. Kept only in aggregate: no signature records its source.' }),
});

export const AdminLetter = z.strictObject({
  ...adminLetterFields,
  translations: z.record(z.string(), z.strictObject({ title: z.string(), body: z.string(), summary: text, organisedBy, addressee })),
  mail: MailDelivery,
});

export const AdminSignatures = z.strictObject({
  signatures: z.array(
    z.strictObject({
      id: z.int(),
      status: z.enum(['pending', 'verified', 'withdrawn']),
      hidden: z.boolean(),
      notable: z.boolean(),
      notableNote: text,
      listed: z.boolean(),
      listThreshold: z.int().nullable(),
      emailDomain: text,
      name: text,
      email: text.meta({ description: 'Null once withdrawn or anonymised.' }),
      title: text,
      organisation: text,
      city: text,
      createdAt: time,
      verifiedAt: time.nullable(),
    }),
  ),
  next: text.meta({ description: 'The `before` of the next page; null on the last.' }),
});

export const ModerationResult = z.strictObject({
  action: z.enum(['hide', 'unhide', 'notable', 'unnotable']),
  changed: count.meta({ description: 'Signatures whose state changed.' }),
});

export const DomainOrganisations = z.strictObject({
  domains: z.array(z.strictObject({ domain: z.string(), organisation: z.string() })),
});

/** The domain is the path's. */
export const DomainOrganisationBody = DomainOrganisationInput.pick({ organisation: true });

export const DomainOrganisation = z.strictObject({ domain: z.string(), organisation: text });

export const AuditLog = z.strictObject({
  entries: z.array(
    z.strictObject({
      id: z.int(),
      at: time,
      actor: z.string(),
      action: z.string(),
      letter: text,
      detail: z.record(z.string(), z.unknown()),
    }),
  ),
});
