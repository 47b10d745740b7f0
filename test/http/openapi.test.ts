import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApiRoutes } from '../../src/http/admin-api.ts';
import { apiRoutes } from '../../src/http/api.ts';
import { openStream } from '../support/sse.ts';
import { addVerifiedSignatures, SLUG, startSite, type Site } from '../support/site.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Answer = { content: Record<string, unknown>; headers?: Record<string, unknown> };
type Description = { paths: Record<string, Partial<Record<Method, { responses: Record<string, Answer> }>>> };

const CLOSED = 'closed-letter';
const UNKNOWN = 'no-such-letter';
const DOMAIN = 'company.example';
let site: Site;
let token: string;
let description: Description;
let ajv: Ajv2020;

/** The client address of each request, its own unless given: only the rate-limit case shares one. */
let nextAddress = 0;
const fromAddress = (address = `192.0.2.${(nextAddress++ % 250) + 1}`) => ({ 'x-forwarded-for': address });

interface Call {
  slug?: string;
  domain?: string;
  query?: string;
  /** Sent as JSON, unless `raw`. */
  body?: unknown;
  raw?: { type: string; text: string };
  token?: string | null;
  headers?: Record<string, string>;
}

/** One request for a documented path (a template such as /api/letters/{slug}), as a client sends it. */
function send(method: Method, path: string, request: Call = {}): Promise<Response> {
  const url = path.replace('{slug}', request.slug ?? SLUG).replace('{domain}', request.domain ?? DOMAIN) + (request.query ?? '');
  const headers: Record<string, string> = { ...fromAddress() };
  if (path.startsWith('/api/admin') && request.token !== null) headers.authorization = `Bearer ${request.token ?? token}`;
  let body: string | undefined;
  if (request.raw) [headers['content-type'], body] = [request.raw.type, request.raw.text];
  else if (request.body !== undefined) [headers['content-type'], body] = ['application/json', JSON.stringify(request.body)];
  return site.fetch(url, { method: method.toUpperCase(), headers: { ...headers, ...request.headers }, ...(body !== undefined && { body }) });
}

interface Case {
  method: Method;
  path: string;
  status: number;
  send: () => Promise<Response>;
}
const at = (method: Method, path: string, status: number, request?: Call | (() => Promise<Response>)): Case => ({
  method,
  path,
  status,
  send: typeof request === 'function' ? request : () => send(method, path, request),
});

const SIGNING = { name: 'Ada Lovelace', email: 'ada@example.org', listed: true };
const LETTER = { slug: 'openapi-letter', title: 'A letter', body: 'Its text.' };
const big = (bytes: number) => JSON.stringify({ name: 'x'.repeat(bytes) });

/**
 * A real request for every status of every operation the description documents, in an order where
 * each finds what it needs (the letter created before it is changed).
 */
const CASES: Case[] = [
  at('get', '/api/openapi.json', 200),
  at('get', '/api/letters', 200),
  at('get', '/api/letters/{slug}', 200),
  at('get', '/api/letters/{slug}', 404, { slug: UNKNOWN }),
  at('get', '/api/letters/{slug}/count', 200, { query: '?locale=de' }),
  at('get', '/api/letters/{slug}/count', 400, { query: '?locale=not_a_tag!' }),
  at('get', '/api/letters/{slug}/count', 404, { slug: UNKNOWN }),
  at('get', '/api/letters/{slug}/count/stream', 400, { query: '?locale=not_a_tag!' }),
  at('get', '/api/letters/{slug}/count/stream', 404, { slug: UNKNOWN }),
  at('get', '/api/letters/{slug}/shields.json', 200, { query: '?label=signed' }),
  at('get', '/api/letters/{slug}/shields.json', 400, { query: '?label=one%0Atwo' }),
  at('get', '/api/letters/{slug}/shields.json', 404, { slug: UNKNOWN }),
  at('get', '/api/letters/{slug}/domains', 200),
  at('get', '/api/letters/{slug}/domains', 404, { slug: UNKNOWN }),
  at('get', '/api/letters/{slug}/challenge', 200),
  at('get', '/api/letters/{slug}/challenge', 404, { slug: UNKNOWN }),
  at('get', '/api/letters/{slug}/challenge', 409, { slug: CLOSED }),
  at('post', '/api/letters/{slug}/signatures', 202, { body: SIGNING }),
  at('post', '/api/letters/{slug}/signatures', 400, { body: { email: 'ada@example.org', listed: true } }),
  at('post', '/api/letters/{slug}/signatures', 403, { body: SIGNING, headers: { 'sec-fetch-site': 'cross-site' } }),
  at('post', '/api/letters/{slug}/signatures', 404, { slug: UNKNOWN, body: SIGNING }),
  at('post', '/api/letters/{slug}/signatures', 409, { slug: CLOSED, body: SIGNING }),
  at('post', '/api/letters/{slug}/signatures', 413, { raw: { type: 'application/json', text: big(65 * 1024) } }),
  at('post', '/api/letters/{slug}/signatures', 415, { raw: { type: 'text/plain', text: JSON.stringify(SIGNING) } }),
  at('post', '/api/letters/{slug}/signatures', 429, async () => {
    // The site takes 2 signings a minute from one address; a third is refused.
    const fromOne = { headers: fromAddress('198.51.100.9'), body: SIGNING };
    for (let i = 0; i < 2; i++) expect((await send('post', '/api/letters/{slug}/signatures', fromOne)).status).toBe(202);
    return send('post', '/api/letters/{slug}/signatures', fromOne);
  }),

  at('get', '/api/admin/letters', 200),
  at('post', '/api/admin/letters', 201, { body: { ...LETTER, translations: { de: { title: 'Ein Brief', body: 'Sein Text.' } } } }),
  at('post', '/api/admin/letters', 400, { body: { ...LETTER, slug: 'Not A Slug' } }),
  at('post', '/api/admin/letters', 409, { body: { ...LETTER, slug: SLUG } }),
  at('post', '/api/admin/letters', 413, { raw: { type: 'application/json', text: big(1024 * 1024) } }),
  at('post', '/api/admin/letters', 415, { raw: { type: 'text/plain', text: JSON.stringify(LETTER) } }),
  at('get', '/api/admin/letters/{slug}', 200, { slug: LETTER.slug }),
  at('get', '/api/admin/letters/{slug}', 404, { slug: UNKNOWN }),
  at('patch', '/api/admin/letters/{slug}', 200, { slug: LETTER.slug, body: { goal: 1000, listThresholds: [100] } }),
  at('patch', '/api/admin/letters/{slug}', 400, { slug: LETTER.slug, body: { goal: -1 } }),
  at('patch', '/api/admin/letters/{slug}', 404, { slug: UNKNOWN, body: { goal: 1000 } }),
  at('patch', '/api/admin/letters/{slug}', 409, { slug: LETTER.slug, body: { slug: SLUG } }),
  at('patch', '/api/admin/letters/{slug}', 413, { slug: LETTER.slug, raw: { type: 'application/json', text: big(1024 * 1024) } }),
  at('patch', '/api/admin/letters/{slug}', 415, { slug: LETTER.slug, raw: { type: 'text/plain', text: '{}' } }),
  at('get', '/api/admin/letters/{slug}/signatures', 200, { query: '?limit=3' }),
  at('get', '/api/admin/letters/{slug}/signatures', 400, { query: '?status=lost' }),
  at('get', '/api/admin/letters/{slug}/signatures', 404, { slug: UNKNOWN }),
  at('get', '/api/admin/letters/{slug}/growth', 200),
  at('get', '/api/admin/letters/{slug}/growth', 404, { slug: UNKNOWN }),
  at('post', '/api/admin/letters/{slug}/signatures/moderate', 200, { body: { action: 'unhide', ids: [1] } }),
  at('post', '/api/admin/letters/{slug}/signatures/moderate', 400, { body: { action: 'notable', ids: [1] } }),
  at('post', '/api/admin/letters/{slug}/signatures/moderate', 404, { slug: UNKNOWN, body: { action: 'unhide', ids: [1] } }),
  at('post', '/api/admin/letters/{slug}/signatures/moderate', 415, { raw: { type: 'text/plain', text: '{}' } }),
  ...(['csv', 'jsonl'] as const).flatMap((format) => [
    at('get', `/api/admin/letters/{slug}/export.${format}`, 200, { query: '?status=verified&bom=1' }),
    at('get', `/api/admin/letters/{slug}/export.${format}`, 400, { query: '?status=lost' }),
    at('get', `/api/admin/letters/{slug}/export.${format}`, 404, { slug: UNKNOWN }),
  ]),
  at('put', '/api/admin/domains/{domain}', 200, { body: { organisation: 'Company' } }),
  at('put', '/api/admin/domains/{domain}', 400, { domain: 'gmail.com', body: { organisation: 'Google' } }),
  at('put', '/api/admin/domains/{domain}', 415, { raw: { type: 'text/plain', text: '{}' } }),
  at('get', '/api/admin/domains', 200),
  // After the domain was named: the public lists show it.
  at('get', '/api/letters/{slug}/signatures', 200),
  at('get', '/api/letters/{slug}/signatures', 400, { query: '?q=ab' }),
  at('get', '/api/letters/{slug}/signatures', 404, { slug: UNKNOWN }),
  at('delete', '/api/admin/domains/{domain}', 200),
  at('delete', '/api/admin/domains/{domain}', 400, { domain: 'not a domain' }),
  at('get', '/api/admin/audit', 200, { query: `?letter=${SLUG}` }),
  at('get', '/api/admin/audit', 404, { query: `?letter=${UNKNOWN}` }),
];

/** Checked by reading its first event (below). */
const STREAM = { method: 'get', path: '/api/letters/{slug}/count/stream', status: 200 } as const;

/** Every documented (method, path, status): each answers 401 to a request without a token. */
const unauthorized = (description: Description): Case[] =>
  documented(description)
    .filter((op) => op.status === 401)
    .map((op) => at(op.method, op.path, 401, { token: null, ...(['post', 'put', 'patch'].includes(op.method) && { body: {} }) }));

function documented(description: Description) {
  return Object.entries(description.paths).flatMap(([path, methods]) =>
    Object.entries(methods).flatMap(([method, op]) =>
      Object.keys(op!.responses).map((status) => ({ method: method as Method, path, status: Number(status) })),
    ),
  );
}

const key = (op: { method: string; path: string; status?: number }) => `${op.method.toUpperCase()} ${op.path}${op.status ? ` ${op.status}` : ''}`;
const pointer = (...parts: string[]) => parts.map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/** Checks an answer against the description as the site serves it: status, media type, headers and body. */
async function expectDocumented(res: Response, op: Omit<Case, 'send'>) {
  // Soft: one run reports every answer that differs from its description.
  expect.soft(res.status, key(op)).toBe(op.status);
  if (res.status !== op.status) return;
  const answer = description.paths[op.path]![op.method]!.responses[op.status]!;
  const [media] = Object.keys(answer.content);
  expect.soft(res.headers.get('content-type')?.split(';')[0], key(op)).toBe(media);
  for (const name of Object.keys(answer.headers ?? {})) expect.soft(res.headers.get(name), `${key(op)}: ${name}`).not.toBeNull();
  if (media !== 'application/json') return;
  const validate = ajv.getSchema(`openapi.json#/${pointer('paths', op.path, op.method, 'responses', String(op.status), 'content', media, 'schema')}`)!;
  const body: unknown = await res.json();
  expect.soft(validate(body), `${key(op)}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`).toBe(true);
}

// Story: a developer writes a client from /api/openapi.json alone; every answer it documents is the
// one the site gives, and no route of the API is missing from it.
describe('the OpenAPI description at /api/openapi.json', () => {
  beforeAll(async () => {
    site = await startSite({ env: { TRUST_PROXY: 'x-forwarded-for', LIMIT_SIGN_PER_ADDRESS: '2/minute' } });
    token = await site.organizerToken();
    expect((await site.admin(token, 'POST', '/letters', { slug: CLOSED, title: 'Closed', body: 'Text.', status: 'closed' })).status).toBe(201);
    await addVerifiedSignatures(site, 5);
    await site.db.execute({ sql: 'UPDATE signatures SET email_domain = ?', args: [DOMAIN] });
    const res = await site.fetch('/api/openapi.json');
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
    description = (await res.json()) as Description;
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    // The whole document, so that the answers' $refs to its components resolve in it.
    ajv.addSchema(description, 'openapi.json');
  });
  afterAll(() => site?.close());

  it('is a valid OpenAPI 3.1 document whose every schema compiles', () => {
    expect(description).toMatchObject({ openapi: '3.1.0', servers: [{ url: 'http://letters.test' }] });
    for (const name of Object.keys((description as unknown as { components: { schemas: object } }).components.schemas)) {
      expect(ajv.getSchema(`openapi.json#/components/schemas/${name}`), name).toBeTypeOf('function');
    }
  });

  it('documents every route of the public and organizer API', () => {
    // Only the route tables are read: every dependency is a stand-in, and no handler runs.
    const stub: any = new Proxy(() => stub, {
      get: (_, name) => (name === Symbol.toPrimitive ? () => 'http://letters.test' : stub),
      apply: () => stub,
    });
    const routes = [
      ...apiRoutes(stub).routes.map((r) => ({ ...r, path: `/api${r.path}` })),
      ...adminApiRoutes(stub).routes.map((r) => ({ ...r, path: `/api/admin${r.path}` })),
    ]
      .filter((r) => r.method !== 'ALL')
      .map((r) => key({ method: r.method, path: r.path.replace(/:(\w+)/g, '{$1}') }));
    const inDescription = documented(description).map((op) => key({ method: op.method, path: op.path }));
    expect(new Set(inDescription)).toEqual(new Set(routes));
  });

  it('has a real request for every answer it documents', () => {
    const made = new Set([...CASES, ...unauthorized(description), STREAM].map(key));
    expect(documented(description).map(key).filter((op) => !made.has(op))).toEqual([]);
  });

  it('documents the very answers the site gives', async () => {
    for (const op of [...CASES, ...unauthorized(description)]) await expectDocumented(await op.send(), op);
  });

  it('documents the live count: each event is the signed count', async () => {
    const stream = await openStream(`${site.url}/api/letters/${SLUG}/count/stream`);
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')?.split(';')[0]).toBe('text/event-stream');
      expect(Object.keys(description.paths[STREAM.path]!.get!.responses[200]!.content)).toEqual(['text/event-stream']);
      await stream.countOf(5);
      const validate = ajv.getSchema('openapi.json#/components/schemas/SignedCount')!;
      expect(validate(stream.counts[0]), ajv.errorsText(validate.errors)).toBe(true);
    } finally {
      stream.close();
    }
  });
});
