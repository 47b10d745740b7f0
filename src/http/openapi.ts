import { Hono } from 'hono';
import { z } from 'zod';
import { ExportOptions } from '../domain/export.ts';
import { LetterInput, LetterPatch } from '../domain/letter-input.ts';
import { ModerationInput } from '../domain/moderation.ts';
import { LISTING_STATUSES } from '../domain/listing-status.ts';
import { PROOF_FIELD } from '../views/sign-form-fields.ts';
import * as answers from './api-schemas.ts';
import { COUNT_PROOF_HEADER } from './count-proof-http.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** An answer that is not JSON: its media type, and what it holds. */
type Media = { media: string; description: string };
type Header = { name: string; description: string };

interface Operation {
  summary: string;
  description?: string;
  /** The organizer API: an organizer token as `Authorization: Bearer`. */
  organizer?: true;
  /** Each field is a query parameter. */
  query?: z.ZodObject;
  /** A JSON body. */
  body?: z.ZodType;
  ok: { status: number; answer: z.ZodType | Media; headers?: Header[] };
  /** Error statuses, answered with {@link answers.ApiError}; a pair gives the status its own description. */
  errors: (number | [number, string])[];
}

const ERRORS: Record<number, string> = {
  400: 'Bad input: `error.fields` has a message per field.',
  401: 'No valid organizer token.',
  403: 'A browser sent it from another site’s page: signatures are taken only from this site’s own form.',
  404: 'No such letter (a draft is not public).',
  409: 'The letter is closed and takes no more signatures.',
  413: 'The body is over 64 KiB (1 MiB for an organizer).',
  415: 'The body is not sent as `Content-Type: application/json`.',
  429: 'Too many requests from this address.',
};
const RETRY_AFTER: Header = { name: 'Retry-After', description: 'Seconds to wait before trying again.' };

const locale = z.object({
  locale: z.string().optional().meta({ description: 'A language tag for the count as shown ("de", "be"); en by default.' }),
});
const text = (description: string) => z.string().optional().meta({ description });
const signedCount = 'Built once per change of the count; an ETag answers If-None-Match with 304.';

/** Every route under /api, by OpenAPI path; the test of this document holds each to its real answers. */
const OPERATIONS: Record<string, Partial<Record<Method, Operation>>> = {
  '/api/openapi.json': {
    get: { summary: 'This description of the API (OpenAPI 3.1)', ok: { status: 200, answer: answers.ApiDescription }, errors: [] },
  },
  '/api/letters': {
    get: { summary: 'Open letters', ok: { status: 200, answer: answers.LetterList }, errors: [] },
  },
  '/api/letters/{slug}': {
    get: { summary: 'A letter: its metadata and count', ok: { status: 200, answer: answers.PublicLetter }, errors: [404] },
  },
  '/api/letters/{slug}/count': {
    get: {
      summary: 'The signed count',
      description: signedCount,
      query: locale,
      ok: { status: 200, answer: answers.SignedCount },
      errors: [400, 404],
    },
  },
  '/api/letters/{slug}/count/stream': {
    get: {
      summary: 'The signed count, live (Server-Sent Events)',
      description: 'An event `count` now and at each change, its data a SignedCount; comments as heartbeats. The stream ends when the letter stops being public, and with an event `shutdown` when the server stops (reconnect later). Served by the Node runtime; on Workers, poll the count.',
      query: locale,
      ok: { status: 200, answer: { media: 'text/event-stream', description: 'Events `count` whose data is a SignedCount.' } },
      errors: [400, 404],
    },
  },
  '/api/letters/{slug}/shields.json': {
    get: {
      summary: 'The count as a shields.io endpoint badge',
      description: `For https://img.shields.io/endpoint?url=… ${signedCount}`,
      query: locale.extend({ label: text('The badge label, one line, cut to 40 characters; by default "signatures" in the locale.') }),
      ok: {
        status: 200,
        answer: answers.ShieldsEndpoint,
        headers: [{ name: COUNT_PROOF_HEADER, description: 'The signed count: base64url of its JSON.' }],
      },
      errors: [400, 404],
    },
  },
  '/api/letters/{slug}/signatures': {
    get: {
      summary: 'The public list of signatories',
      description: 'Confirmed, listed, not hidden signatures: notable first, then newest first, 50 a page. Never an email.',
      query: z.object({
        cursor: text('The `next` of the previous page.'),
        q: text('Names and organisations that contain this text (3 characters at least).'),
      }),
      ok: { status: 200, answer: answers.PublicSignatures },
      errors: [400, 404],
    },
    post: {
      summary: 'Sign the letter',
      description:
        'The same answer whatever the state of the address (new, pending, confirmed, withdrawn): a mail to it says what follows, with the confirm link.',
      body: answers.SigningRequest,
      ok: { status: 202, answer: answers.SigningAccepted },
      errors: [
        [400, `Bad input: \`error.fields\` has a message per field (\`${PROOF_FIELD}\`: the proof of work is missing or not valid).`],
        403,
        404,
        409,
        413,
        415,
        429,
      ],
    },
  },
  '/api/letters/{slug}/domains': {
    get: {
      summary: 'Verified email domains of the signers who chose to show theirs',
      description: 'Only domains with enough signers, never free mail, counted in steps (5, 10, 25, 50, 100…).',
      ok: { status: 200, answer: answers.DomainAggregates },
      errors: [404],
    },
  },
  '/api/letters/{slug}/challenge': {
    get: {
      summary: 'A new proof-of-work challenge for a signing',
      description: 'Never cached. How to solve it: docs/api.md.',
      ok: { status: 200, answer: answers.Challenge },
      errors: [404, 409],
    },
  },
  '/api/admin/letters': {
    get: { summary: 'All letters, drafts included', organizer: true, ok: { status: 200, answer: answers.AdminLetterList }, errors: [401] },
    post: {
      summary: 'Create a letter',
      organizer: true,
      body: LetterInput,
      ok: { status: 201, answer: answers.AdminLetter },
      errors: [400, 401, [409, 'Another letter has this slug.'], 413, 415],
    },
  },
  '/api/admin/letters/{slug}': {
    get: { summary: 'A letter with its translations', organizer: true, ok: { status: 200, answer: answers.AdminLetter }, errors: [401, 404] },
    patch: {
      summary: 'Change a letter',
      description: 'Any of its fields; `translations`, when given, replaces them all.',
      organizer: true,
      body: LetterPatch,
      ok: { status: 200, answer: answers.AdminLetter },
      errors: [400, 401, 404, [409, 'Another letter has this slug.'], 413, 415],
    },
  },
  '/api/admin/letters/{slug}/signatures': {
    get: {
      summary: 'A letter’s signatures, newest first',
      organizer: true,
      query: z.object({
        status: z.enum(LISTING_STATUSES).optional().meta({
          description: 'The listing status; each signature has one: `withdrawn`, hidden or not; else `hidden`; else its stored status. `state`, its old name, is still accepted.',
        }),
        q: text('Names, organisations and emails that contain this text.'),
        before: text('The `next` of the previous page.'),
        limit: text('1 to 500; 100 by default.'),
      }),
      ok: { status: 200, answer: answers.AdminSignatures },
      errors: [400, 401, 404],
    },
  },
  '/api/admin/letters/{slug}/growth': {
    get: {
      summary: 'How a letter grows: signatures over time, confirmation rate, mail, sources',
      description: 'What each figure means, and what it cannot count: docs/organizers.md.',
      organizer: true,
      ok: { status: 200, answer: answers.LetterGrowth },
      errors: [401, 404],
    },
  },
  '/api/admin/letters/{slug}/signatures/moderate': {
    post: {
      summary: 'Hide, unhide or mark signatures notable',
      description: '`note`, how the organizers verified the signatory, is required with `notable` and refused with the other actions.',
      organizer: true,
      body: ModerationInput,
      ok: { status: 200, answer: answers.ModerationResult },
      errors: [400, 401, 404, 415],
    },
  },
  ...Object.fromEntries(
    (
      [
        ['csv', 'text/csv', 'RFC 4180 CSV, cells that could run as spreadsheet formulas neutralised.'],
        ['jsonl', 'application/x-ndjson', 'JSON Lines: one signature per line.'],
      ] as const
    ).map(([format, media, description]) => [
      `/api/admin/letters/{slug}/export.${format}`,
      {
        get: {
          summary: `Export a letter’s signatures (${format})`,
          description: 'Streamed, and recorded in the audit log.',
          organizer: true,
          query: ExportOptions.omit({ format: true }),
          ok: { status: 200, answer: { media, description } },
          errors: [400, 401, 404],
        },
      },
    ]),
  ),
  '/api/admin/domains': {
    get: { summary: 'Organisations named for email domains', organizer: true, ok: { status: 200, answer: answers.DomainOrganisations }, errors: [401] },
  },
  '/api/admin/domains/{domain}': {
    put: {
      summary: 'Name the organisation behind an email domain',
      description: 'Shown beside the verified domain of the signers who chose to show it. Null or empty forgets it.',
      organizer: true,
      body: answers.DomainOrganisationBody,
      ok: { status: 200, answer: answers.DomainOrganisation },
      errors: [[400, 'Bad input: not a domain, a free-mail domain, or an organisation name that is not one line.'], 401, 415],
    },
    delete: {
      summary: 'Forget the organisation behind an email domain',
      organizer: true,
      ok: { status: 200, answer: answers.DomainOrganisation },
      errors: [400, 401],
    },
  },
  '/api/admin/audit': {
    get: {
      summary: 'The audit log, newest first (200 entries)',
      organizer: true,
      query: z.object({ letter: text('Only the entries of the letter with this slug.') }),
      ok: { status: 200, answer: answers.AuditLog },
      errors: [401, 404],
    },
  },
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The JSON Schemas, 2020-12 as OpenAPI 3.1 takes them, of the registered zod schemas, referring to each other. */
function components(registry: z.core.$ZodRegistry<{ id: string }>) {
  // Requests as a client writes them (a field with a default may be left out); the answers have no
  // defaults or transforms, so this is also what they are.
  const { schemas } = z.toJSONSchema(registry, { io: 'input', uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema, $id, ...schema }]) => [id, schema]));
}

function parameters(path: string, query: z.ZodObject | undefined) {
  const inPath = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
  if (!query) return inPath;
  const { properties = {}, required = [] } = z.toJSONSchema(query, { io: 'input' });
  const inQuery = Object.entries(properties as Record<string, { description?: string }>).map(([name, { description, ...schema }]) => ({
    name,
    in: 'query',
    required: required.includes(name),
    ...(description && { description }),
    schema,
  }));
  return [...inPath, ...inQuery];
}

/** The OpenAPI 3.1 description of the public and organizer API, served at /api/openapi.json. */
function openApiDocument(publicUrl: string) {
  const registry = z.registry<{ id: string }>();
  const named = { ...answers, LetterInput, LetterPatch, ModerationInput };
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const schemaOf = (schema: z.ZodType) => {
    const id = registry.get(schema)?.id;
    if (!id) throw new Error('Every schema of the API description is named in api-schemas.ts or above.');
    return ref(id);
  };
  const json = (schema: z.ZodType) => ({ 'application/json': { schema: schemaOf(schema) } });
  const headers = (list: Header[] = []) =>
    list.length === 0
      ? {}
      : { headers: Object.fromEntries(list.map(({ name, description }) => [name, { description, required: true, schema: { type: 'string' } }])) };

  const paths = Object.fromEntries(
    Object.entries(OPERATIONS).map(([path, methods]) => [
      path,
      Object.fromEntries(
        Object.entries(methods).map(([method, op]) => {
          const { status, answer } = op.ok;
          const params = parameters(path, op.query);
          const success =
            'media' in answer
              ? { description: answer.description, content: { [answer.media]: { schema: { type: 'string' } } } }
              : { description: 'OK', content: json(answer) };
          const errors = op.errors.map((error) => {
            const [code, description] = typeof error === 'number' ? [error, ERRORS[error]!] : error;
            return [code, { description, ...headers(code === 429 ? [RETRY_AFTER] : []), content: json(answers.ApiError) }];
          });
          return [
            method,
            {
              summary: op.summary,
              ...(op.description && { description: op.description }),
              tags: [op.organizer ? 'organizer' : 'public'],
              ...(op.organizer && { security: [{ organizerToken: [] }] }),
              ...(params.length > 0 && { parameters: params }),
              ...(op.body && { requestBody: { required: true, content: json(op.body) } }),
              responses: { [status]: { ...success, ...headers(op.ok.headers) }, ...Object.fromEntries(errors) },
            },
          ];
        }),
      ),
    ]),
  );

  return {
    openapi: '3.1.0',
    info: {
      title: 'Undersigned API',
      version: '1',
      description: 'Open letters signed with confirmed email addresses. Prose, embeds and examples: docs/api.md.',
    },
    servers: [{ url: publicUrl }],
    tags: [
      { name: 'public', description: 'Open to any site (CORS) for reads; signing only from this site’s pages or from scripts.' },
      { name: 'organizer', description: 'An organizer token as a Bearer token (`undersigned token create`).' },
    ],
    paths,
    components: {
      schemas: components(registry),
      securitySchemes: { organizerToken: { type: 'http', scheme: 'bearer', description: 'An organizer token.' } },
    },
  };
}

/** GET /openapi.json: the description, built on its first request and kept; it changes only with the code. */
export function openApiRoute(publicUrl: string) {
  const route = new Hono();
  let body: string | undefined;
  route.get('/openapi.json', (c) => {
    body ??= JSON.stringify(openApiDocument(publicUrl));
    return c.body(body, 200, { 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=3600' });
  });
  return route;
}
