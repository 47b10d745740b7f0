import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, SLUG, startSite, type Site } from '../support/site.ts';

const API = `/api/letters/${SLUG}/signatures`;
const FORM = `/l/${SLUG}/sign`;
const valid = { name: 'Valid Name', email: 'valid@example.org', listed: true };

interface Case {
  name: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer> | URLSearchParams;
  status: number;
  /** The field the error must name. */
  field?: string;
}

const json = (body: unknown): Pick<Case, 'headers' | 'body'> => ({
  headers: { 'content-type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

const cases: Case[] = [];
const add = (c: Case) => cases.push(c);
const apiField = (field: string, value: unknown, why: string, fieldNamed = field) =>
  add({ name: `API ${field}: ${why}`, path: API, ...json({ ...valid, [field]: value }), status: 400, field: fieldNamed });

// Values no text field takes.
const badText: [unknown, string][] = [
  [42, 'a number'],
  [true, 'a boolean'],
  [['x'], 'an array'],
  [{ x: 1 }, 'an object'],
  ['a\u0000b', 'NUL'],
  ['\u0007bell', 'a control character'],
  ['a\u0085b', 'a C1 control'],
  ['\u202Eevil', 'a bidi override'],
  ['x\u2066y', 'a bidi isolate'],
  ['bad\uFFFDbytes', 'a replacement character'],
  ['\ud800alone', 'a lone surrogate'],
  ['x'.repeat(10_000), '10,000 characters'],
];
for (const [value, why] of badText) apiField('name', value, why);
for (const field of ['title', 'organisation', 'city']) {
  for (const [value, why] of badText) apiField(field, value, why);
  apiField(field, 'x'.repeat(201), '201 characters');
}
for (const [value, why] of [
  ['', 'empty'],
  ['   ', 'blank'],
  ['x'.repeat(121), '121 characters'],
  [null, 'null'],
  ['Eve\r\nBcc: victim@example.org', 'CRLF'],
  ['line\nbreak', 'a line break'],
  ['tab\there', 'a tab'],
] as [unknown, string][]) {
  apiField('name', value, why);
}
for (const [value, why] of [
  ['', 'empty'],
  ['plain', 'no @'],
  ['@example.org', 'no local part'],
  ['a@', 'no domain'],
  ['a@b', 'no top-level domain'],
  ['a b@example.org', 'a space'],
  ['a@@example.org', 'two @'],
  ['<script>@example.org', 'markup'],
  ['<script>alert(1)</script>', 'a script tag'],
  ["a'; DROP TABLE signatures;--@example.org", 'an SQL fragment'],
  ['" OR 1=1 --@example.org', 'another SQL fragment'],
  [`${'x'.repeat(65)}@example.org`, 'a 65-character local part'],
  [`a@${'b'.repeat(250)}.org`, '255 characters'],
  ['\u0430dmin@example.org', 'a Cyrillic homoglyph'],
  ['user@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444', 'an IDN domain'],
  ['user@xn--e1afmkfd.xn--p1ai', 'a punycode domain'],
  ['jos\u00e9@example.org', 'a non-ASCII local part'],
  ['a@example.org\r\nBcc: victim@example.org', 'a header injection'],
  ['a@example.org\u0000', 'NUL'],
  ['.dot@example.org', 'a leading dot'],
  ['a..b@example.org', 'two dots'],
  [42, 'a number'],
  [null, 'null'],
  [['a@example.org'], 'an array'],
  [{ email: 'a@example.org' }, 'an object'],
  [true, 'a boolean'],
] as [unknown, string][]) {
  apiField('email', value, why);
}
for (const [value, why] of [
  ['yes', 'a word'],
  ['true', 'a string'],
  [1, 'a number'],
  [0, 'zero'],
  [null, 'null'],
  [[], 'an array'],
  [{}, 'an object'],
] as [unknown, string][]) {
  apiField('listed', value, why);
}
for (const [value, why] of [
  ['<script>', 'markup'],
  ['english', 'a word'],
  ['', 'empty'],
  [42, 'a number'],
  ['en_US', 'an underscore'],
  ["en'; DROP TABLE letters;--", 'an SQL fragment'],
  ['x'.repeat(100), '100 characters'],
] as [unknown, string][]) {
  apiField('lang', value, why);
}
for (const key of [
  'admin',
  'id',
  'status',
  'verified',
  'count',
  'hidden',
  'notable',
  'constructor',
  '__proto__',
  'prototype',
  '<script>',
  "'; DROP TABLE signatures;--",
  'emailKey',
  'email_key',
  'signatoryNumber',
  'letterId',
  'Name',
  'EMAIL',
  ' name',
  '',
]) {
  add({
    name: `API unknown field ${key}`,
    path: API,
    ...json(`{"name":"Valid Name","email":"valid@example.org","listed":true,${JSON.stringify(key)}:{"x":1}}`),
    status: 400,
    field: key,
  });
}
for (const field of ['name', 'email']) {
  const { [field]: _, ...rest } = valid as Record<string, unknown>;
  add({ name: `API missing ${field}`, path: API, ...json(rest), status: 400, field });
}
add({ name: 'API missing listed', path: API, ...json({ name: 'Valid Name', email: 'valid@example.org' }), status: 400, field: 'listed' });
for (const field of ['name', 'email', 'listed']) {
  const body = `{"name":"Valid Name","email":"valid@example.org","listed":true,"${field}":${field === 'listed' ? 'false' : '"Other"'}}`;
  add({ name: `API duplicate key ${field}`, path: API, ...json(body), status: 400, field });
}
add({
  // Escaped backslashes and quotes, and colons inside strings, must not hide the repeated name.
  name: 'API duplicate key after escapes and colons in strings',
  path: API,
  ...json(String.raw`{"title":"a\\","name":"Valid Name","email":"valid@example.org","listed":true,"name":"b: \"c\""}`),
  status: 400,
  field: 'name',
});
add({
  name: 'API duplicate key in a nested object',
  path: API,
  ...json('{"name":"Valid Name","email":"valid@example.org","listed":true,"extra":{"a":1,"a":2}}'),
  status: 400,
  field: 'a',
});
for (const [body, why] of [
  ['', 'an empty body'],
  ['{', 'an open brace'],
  ['{"name":}', 'a missing value'],
  ['{"name":"a",}', 'a trailing comma'],
  ["{'name':'a'}", 'single quotes'],
  ['NaN', 'NaN'],
  ['{"name": undefined}', 'undefined'],
  ['// comment\n{}', 'a comment'],
  ['null', 'null'],
  ['[]', 'an array'],
  ['[{"name":"a"}]', 'an array of objects'],
  ['{"name":"a"}{"name":"b"}', 'two objects'],
  ['{"name":"a\\x41"}', 'a bad escape'],
  ['\ufeff{"name":"a"}x', 'trailing text'],
  ['"string"', 'a string'],
  ['42', 'a number'],
  ['true', 'true'],
] as [string, string][]) {
  add({ name: `API body: ${why}`, path: API, ...json(body), status: 400 });
}
for (const [bytes, why] of [
  [[0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d], 'bytes 0xff 0xfe'],
  [[0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d], 'a broken two-byte sequence'],
  [[0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d], 'an encoded surrogate'],
] as [number[], string][]) {
  add({ name: `API invalid UTF-8: ${why}`, path: API, headers: { 'content-type': 'application/json' }, body: new Uint8Array(bytes), status: 400 });
}
for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'text/json', 'application/xml']) {
  add({ name: `API content type ${type}`, path: API, headers: { 'content-type': type }, body: JSON.stringify(valid), status: 415 });
}
add({ name: 'API without a content type', path: API, body: new TextEncoder().encode(JSON.stringify(valid)), status: 415 });
for (const size of [70 * 1024, 1024 * 1024]) {
  add({ name: `API body of ${size} bytes`, path: API, ...json({ ...valid, name: 'x'.repeat(size) }), status: 413 });
}
for (const method of ['PUT', 'DELETE', 'PATCH']) {
  add({ name: `API method ${method}`, method, path: API, ...json(valid), status: 404 });
}
for (const slug of ['no-such-letter', "x'%20OR%201=1%20--", '..%2F..%2Fadmin', 'x'.repeat(2000), '%D0%BF%D0%B8%D1%81%D1%8C%D0%BC%D0%BE']) {
  add({ name: `API slug ${slug.slice(0, 30)}`, path: `/api/letters/${slug}/signatures`, ...json(valid), status: 404 });
}

// The form, with a valid stamp so that it is the input that is judged (see the bot-friction test).
const formField = (field: string, value: string, why: string) =>
  add({
    name: `form ${field}: ${why}`,
    path: FORM,
    body: new URLSearchParams({ name: 'Valid Name', email: 'valid@example.org', listed: 'true', [field]: value }),
    status: 400,
    field,
  });
for (const [value, why] of [
  ['', 'empty'],
  ['x'.repeat(121), '121 characters'],
  ['a\u0000b', 'NUL'],
  ['a\r\nb', 'CRLF'],
  ['\u202Eevil', 'a bidi override'],
  ['bad\uFFFD', 'a replacement character'],
] as [string, string][]) {
  formField('name', value, why);
}
for (const [value, why] of [
  ['', 'empty'],
  ['plain', 'no @'],
  ['<script>alert(1)</script>', 'a script tag'],
  ["a'; DROP TABLE signatures;--@example.org", 'an SQL fragment'],
  ['\u0430dmin@example.org', 'a homoglyph'],
  ['a@example.org\r\nBcc: x@example.org', 'a header injection'],
] as [string, string][]) {
  formField('email', value, why);
}
for (const field of ['title', 'organisation', 'city']) formField(field, 'x'.repeat(201), '201 characters');
formField('lang', '<script>', 'markup');
formField('admin', '1', 'an unknown field');
add({ name: 'form sent as JSON', path: FORM, ...json(valid), status: 415 });
add({ name: 'form of 1 MB', path: FORM, body: new URLSearchParams({ ...valid, listed: 'true', city: 'x'.repeat(1024 * 1024) }), status: 413 });
add({ name: 'form to an unknown letter', path: '/l/no-such-letter/sign', body: new URLSearchParams({ ...valid, listed: 'true' }), status: 404 });
add({ name: 'form method PUT', method: 'PUT', path: FORM, body: new URLSearchParams({ ...valid, listed: 'true' }), status: 404 });

// Confirm and withdraw links.
for (const kind of ['confirm', 'verify', 'withdraw']) {
  for (const [token, why] of [
    ['x', 'too short'],
    ['A'.repeat(42), '42 characters'],
    ['A'.repeat(44), '44 characters'],
    ['A'.repeat(43), 'unknown'],
    ['A'.repeat(5000), '5,000 characters'],
    ["'%20OR%201=1%20--", 'an SQL fragment'],
    ['%00'.repeat(43), 'NUL bytes'],
    ['%D0%B0'.repeat(43), 'Cyrillic letters'],
    ['%3Cscript%3E', 'markup'],
  ] as [string, string][]) {
    add({ name: `${kind} token ${why}`, path: `/${kind}/${token}`, body: new URLSearchParams(), status: 410 });
  }
  add({ name: `${kind} with a path below the token`, path: `/${kind}/${'A'.repeat(43)}/more`, body: new URLSearchParams(), status: 404 });
}

describe('a corpus of hostile and malformed requests', () => {
  let site: Site;
  let shown = '';
  const snapshot = async () =>
    JSON.stringify(
      await rows(
        site,
        `SELECT (SELECT count(*) FROM signatures) AS signatures, (SELECT count(*) FROM tokens) AS tokens,
                (SELECT count(*) FROM outbox) AS outbox, (SELECT count(*) FROM audit_log) AS audit,
                (SELECT sum(signature_count) FROM letters) AS counted`,
      ),
    );
  let before = '';
  beforeAll(async () => {
    site = await startSite();
    shown = (await (await site.fetch(`/l/${SLUG}`)).text()).match(/name="shown" value="([^"]+)"/)![1]!;
    before = await snapshot();
  });
  afterAll(() => site.close());

  it('has more than 200 cases', () => {
    expect(cases.length).toBeGreaterThan(200);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    if (c.body instanceof URLSearchParams && c.path.endsWith('/sign')) c.body.set('shown', shown);
    const res = await site.fetch(c.path, { method: c.method ?? 'POST', headers: c.headers ?? {}, body: c.body ?? null });
    expect(res.status).toBe(c.status);
    const text = await res.text();
    if (c.path.startsWith('/api/')) {
      const { error } = JSON.parse(text) as { error: { code: string; message: string; fields?: Record<string, string> } };
      expect(error.message.length).toBeGreaterThan(10);
      if (c.field) expect(Object.keys(error.fields ?? {})).toContain(c.field);
    } else {
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(text).toMatch(/<h1>[^<]+<\/h1>/);
      if (c.field) expect(text).toMatch(/class="field-error"|error-summary/);
    }
    expect(text).not.toMatch(/at .+\.ts:\d+|Error:|SQLITE/);
    expect(await snapshot()).toBe(before);
  });

  it('is still up and unchanged after all of them', async () => {
    expect((await site.fetch('/healthz')).status).toBe(200);
    expect((await site.signJson(valid)).status).toBe(202);
  });
});
