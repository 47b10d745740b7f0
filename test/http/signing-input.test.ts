import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, SLUG, startSite, type Site } from '../support/site.ts';

const valid = { name: 'Ala Makota', email: 'ala@example.org', listed: true };

// Bad input gets a clear error naming the field, and changes nothing.
describe('signing input', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
    const now = Date.now();
    for (const [slug, status] of [
      ['closed-letter', 'closed'],
      ['draft-letter', 'draft'],
    ]) {
      await site.db.execute({
        sql: `INSERT INTO letters (slug, title, body, lang, status, signature_count, count_updated_at, created_at, updated_at)
              VALUES (?, ?, 'Text', 'en', ?, 0, ?, ?, ?)`,
        args: [slug!, `A ${status} letter`, status!, now, now, now],
      });
    }
  });
  afterAll(() => site.close());

  const stored = async () => {
    const [signatures, outbox, tokens] = await Promise.all(
      ['signatures', 'outbox', 'tokens'].map(async (table) => (await rows(site, `SELECT * FROM ${table}`)).length),
    );
    return { signatures, outbox, tokens };
  };
  const nothing = { signatures: 0, outbox: 0, tokens: 0 };

  const invalid: [string, Record<string, unknown>][] = [
    ['name', { ...valid, name: '' }],
    ['name', { ...valid, name: '   ' }],
    ['name', { ...valid, name: 'x'.repeat(121) }],
    ['name', { ...valid, name: 42 }],
    ['name', { ...valid, name: 'Eve\u202Eevil' }],
    ['name', { email: valid.email, listed: true }],
    ['email', { ...valid, email: 'not-an-email' }],
    ['email', { ...valid, email: `${'a'.repeat(65)}@example.org` }],
    ['email', { ...valid, email: `a@${'b'.repeat(250)}.org` }],
    ['email', { ...valid, email: 'a@b@example.org' }],
    ['email', { name: valid.name, listed: true }],
    ['title', { ...valid, title: 't'.repeat(201) }],
    ['organisation', { ...valid, organisation: 'o'.repeat(201) }],
    ['city', { ...valid, city: ['Minsk'] }],
    ['listed', { ...valid, listed: 'yes' }],
    ['listed', { name: valid.name, email: valid.email }],
    ['lang', { ...valid, lang: '<script>' }],
    ['admin', { ...valid, admin: true }],
  ];

  it.each(invalid)('rejects a bad %s with 400, names the field, and stores nothing', async (field, body) => {
    const res = await site.signJson(body);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string; fields: Record<string, string> } };
    expect(error.code).toBe('invalid_input');
    expect(Object.keys(error.fields)).toEqual([field]);
    expect(error.fields[field]).toMatch(/\w{3,}/);
    expect(await stored()).toEqual(nothing);
  });

  it('re-renders the form with the entered values and a message at each field', async () => {
    const res = await site.signForm({ name: '', email: 'nope', organisation: 'Acme <b>Ltd</b>', listed: 'true' });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('<p class="field-error" id="field-name-error">Enter your name.</p>');
    expect(page).toContain('id="field-email-error"');
    expect(page).toContain('value="nope"');
    expect(page).toContain('value="Acme &lt;b&gt;Ltd&lt;/b&gt;"');
    expect(page).toMatch(/id="field-listed"[^>]*checked/);
    expect(await stored()).toEqual(nothing);
  });

  it('answers a body over 64 KiB with 413', async () => {
    const res = await site.signJson({ ...valid, name: 'x'.repeat(70 * 1024) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    const form = await site.signForm({ ...valid, listed: 'true', city: 'y'.repeat(70 * 1024) });
    expect(form.status).toBe(413);
    expect(await stored()).toEqual(nothing);
  });

  it('limits a body sent in chunks, without a length, the same way', async () => {
    const chunked = (body: string) =>
      site.fetch(`/api/letters/${SLUG}/signatures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // A stream body has no Content-Length: fetch sends it with Transfer-Encoding: chunked.
        body: new Blob([body]).stream(),
        duplex: 'half',
      } as RequestInit);
    const tooLarge = await chunked(JSON.stringify({ ...valid, name: 'x'.repeat(70 * 1024) }));
    expect(tooLarge.status).toBe(413);
    expect(await stored()).toEqual(nothing);
    // A small one is read and checked like any other body.
    const small = await chunked(JSON.stringify({ ...valid, email: 'not an address' }));
    expect(small.status).toBe(400);
    expect(((await small.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('email');
    expect(await stored()).toEqual(nothing);
  });

  it('answers JSON sent as another media type with 415, and broken JSON with 400', async () => {
    const asText = await site.fetch(`/api/letters/${SLUG}/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(valid),
    });
    expect(asText.status).toBe(415);
    const broken = await site.fetch(`/api/letters/${SLUG}/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": "Ala",',
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { message: string } }).error.message).toBe('The body is not valid JSON.');
    const notObject = await site.signJson([valid]);
    expect(notObject.status).toBe(400);
    expect(await stored()).toEqual(nothing);
  });

  it('answers signing a closed letter with 409 and a clear message', async () => {
    const res = await site.signJson(valid, 'closed-letter');
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/closed/);
    const form = await site.signForm({ ...valid, listed: 'true' }, 'closed-letter');
    expect(form.status).toBe(409);
    expect(await form.text()).toContain('This letter is closed');
    const page = await (await site.fetch('/l/closed-letter')).text();
    expect(page).not.toContain('<form class="sign"');
    expect(await stored()).toEqual(nothing);
  });

  it('hides drafts and unknown letters behind 404, as JSON under /api and as a page elsewhere', async () => {
    for (const slug of ['draft-letter', 'no-such-letter']) {
      const api = await site.signJson(valid, slug);
      expect(api.status).toBe(404);
      expect(((await api.json()) as { error: { code: string } }).error.code).toBe('not_found');
      expect((await site.fetch(`/api/letters/${slug}/count`)).status).toBe(404);
      const page = await site.fetch(`/l/${slug}`);
      expect(page.status).toBe(404);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
    }
    const unknownApi = await site.fetch('/api/nothing-here');
    expect(unknownApi.status).toBe(404);
    expect(await unknownApi.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    expect((await site.fetch('/nothing-here')).status).toBe(404);
    expect(await stored()).toEqual(nothing);
  });

  it('takes a valid signing once all of that was refused', async () => {
    expect((await site.signJson(valid)).status).toBe(202);
    expect((await stored()).signatures).toBe(1);
  });
});
