import { describe, expect, it } from 'vitest';
import { AdminBrowser } from '../support/admin-browser.ts';
import { linkPath } from '../support/smtp.ts';
import { siteWithMail } from '../support/site.ts';

// Story: Alice writes a letter in English and Belarusian, keeps it a draft, opens it, moderates it
// and closes it.
describe('an organizer runs a letter', () => {
  const ctx = siteWithMail();
  let token: string;
  const api = (method: string, path: string, body?: unknown) =>
    ctx.site.fetch(`/api/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  const sign = async (name: string, email: string, extra: Record<string, unknown> = {}) => {
    expect((await ctx.site.signJson({ name, email, listed: true, ...extra }, 'tech-for-all')).status).toBe(202);
    const [mail] = await ctx.mail.mailTo(email);
    expect((await ctx.site.fetch(linkPath(mail!, 'confirm'), { method: 'POST' })).status).toBe(200);
  };

  it('creates a draft that the public cannot see', async () => {
    token = await ctx.site.organizerToken('Alice');
    const res = await api('POST', '/letters', {
      slug: 'tech-for-all',
      title: 'Technology for all',
      body: 'We, the **undersigned**, ask.',
      summary: 'A letter about technology.',
      goal: 100,
      formFields: { organisation: 'required', city: 'off' },
      translations: { be: { title: 'Тэхналогіі для ўсіх', body: 'Мы, ніжэйпадпісаныя, просім.' } },
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ slug: 'tech-for-all', status: 'draft', count: 0, goal: 100 });

    expect((await ctx.site.fetch('/l/tech-for-all')).status).toBe(404);
    expect((await ctx.site.fetch('/api/letters/tech-for-all')).status).toBe(404);
    expect((await ctx.site.signJson({ name: 'Early', email: 'early@example.org', listed: true }, 'tech-for-all')).status).toBe(404);
    const list = (await (await ctx.site.fetch('/api/letters')).json()) as { letters: { slug: string }[] };
    expect(list.letters.map((l) => l.slug)).not.toContain('tech-for-all');
  });

  it('refuses a second letter with the same slug, and bad fields, naming them', async () => {
    const taken = await api('POST', '/letters', { slug: 'tech-for-all', title: 'Again', body: 'Text' });
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as { error: { fields: object } }).error.fields).toHaveProperty('slug');
    const bad = await api('POST', '/letters', { slug: 'Not A Slug', title: '', body: 'x', goal: -1 });
    expect(bad.status).toBe(400);
    const { fields } = ((await bad.json()) as { error: { fields: Record<string, string> } }).error;
    expect(Object.keys(fields).sort()).toEqual(['goal', 'slug', 'title']);
  });

  it('opens the letter: the form asks for what the organizer chose', async () => {
    expect((await api('PATCH', '/letters/tech-for-all', { status: 'open' })).status).toBe(200);
    const page = await (await ctx.site.fetch('/l/tech-for-all')).text();
    expect(page).toContain('<h1>Technology for all</h1>');
    expect(page).toMatch(/<label for="field-organisation">Organisation<\/label>/);
    expect(page).not.toContain('name="city"');
    expect(page).toContain('<progress max="100" value="0"');

    const missing = await ctx.site.signJson({ name: 'Ann', email: 'ann@example.org', listed: true }, 'tech-for-all');
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { fields: object } }).error.fields).toEqual({
      organisation: 'Enter an organisation.',
    });
    const unasked = await ctx.site.signJson(
      { name: 'Ann', email: 'ann@example.org', organisation: 'Acme', city: 'Minsk', listed: true },
      'tech-for-all',
    );
    expect(unasked.status).toBe(400);
    await sign('Ann Example', 'ann@example.org', { organisation: 'Acme' });
    expect(await ctx.site.count('tech-for-all')).toBe(1);
  });

  it('shows the letter in the language asked for, then Accept-Language, then its default', async () => {
    const page = async (query: string, acceptLanguage?: string) =>
      (await ctx.site.fetch(`/l/tech-for-all${query}`, { headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {} })).text();
    expect(await page('?lang=be')).toContain('<h1>Тэхналогіі для ўсіх</h1>');
    expect(await page('', 'be-BY,be;q=0.9,en;q=0.5')).toContain('<html lang="be">');
    expect(await page('', 'de-DE,be;q=0.8')).toContain('<h1>Тэхналогіі для ўсіх</h1>');
    expect(await page('', 'de-DE,fr;q=0.8')).toContain('<h1>Technology for all</h1>');
    expect(await page('?lang=xx', 'be')).toContain('<h1>Тэхналогіі для ўсіх</h1>');
    expect(await page('?lang=en', 'be')).toContain('<h1>Technology for all</h1>');
  });

  it('hides and unhides signatures: the count and the public list follow, and the audit log records it', async () => {
    await sign('Spam Bot', 'bot@example.org', { organisation: 'Spam Inc' });
    await sign('Maria Famous', 'maria@example.org', { organisation: 'University' });
    expect(await ctx.site.count('tech-for-all')).toBe(3);

    const found = await api('GET', '/letters/tech-for-all/signatures?q=spam');
    const { signatures } = (await found.json()) as { signatures: { id: number; name: string; email: string }[] };
    expect(signatures.map((s) => s.name)).toEqual(['Spam Bot']);
    expect(signatures[0]!.email).toBe('bot@example.org');
    const byEmail = (await (await api('GET', '/letters/tech-for-all/signatures?q=MARIA@EXAMPLE')).json()) as { signatures: { name: string }[] };
    expect(byEmail.signatures.map((s) => s.name)).toEqual(['Maria Famous']);

    const hide = await api('POST', '/letters/tech-for-all/signatures/moderate', { action: 'hide', ids: [signatures[0]!.id] });
    expect(await hide.json()).toEqual({ action: 'hide', changed: 1 });
    expect(await ctx.site.count('tech-for-all')).toBe(2);
    expect(await (await ctx.site.fetch('/l/tech-for-all')).text()).not.toContain('Spam Bot');
    const hidden = (await (await api('GET', '/letters/tech-for-all/signatures?status=hidden')).json()) as { signatures: { name: string }[] };
    expect(hidden.signatures.map((s) => s.name)).toEqual(['Spam Bot']);

    // Hiding twice changes nothing more.
    await api('POST', '/letters/tech-for-all/signatures/moderate', { action: 'hide', ids: [signatures[0]!.id] });
    expect(await ctx.site.count('tech-for-all')).toBe(2);

    await api('POST', '/letters/tech-for-all/signatures/moderate', { action: 'unhide', ids: [signatures[0]!.id] });
    expect(await ctx.site.count('tech-for-all')).toBe(3);
    expect(await (await ctx.site.fetch('/l/tech-for-all')).text()).toContain('Spam Bot');

    const audit = (await (await api('GET', '/audit?letter=tech-for-all')).json()) as { entries: { actor: string; action: string }[] };
    expect(audit.entries.map((e) => e.action)).toEqual([
      'signature_unhide',
      'signature_hide',
      'signature_hide',
      'letter_open',
      'letter_create',
    ]);
    expect(new Set(audit.entries.map((e) => e.actor))).toEqual(new Set(['Alice']));
  });

  it('shows notable signatories first on the letter page', async () => {
    const { signatures } = (await (await api('GET', '/letters/tech-for-all/signatures?q=Maria')).json()) as { signatures: { id: number }[] };
    const names = (html: string) => [...html.matchAll(/<span class="signatory-name">([^<]*)<\/span>/g)].map((m) => m[1]);
    // Newest first: Maria confirmed last.
    expect(names(await (await ctx.site.fetch('/l/tech-for-all')).text())).toEqual(['Maria Famous', 'Spam Bot', 'Ann Example']);
    await api('POST', '/letters/tech-for-all/signatures/moderate', { action: 'notable', ids: [signatures[0]!.id], note: 'work email' });
    const ann = (await (await api('GET', '/letters/tech-for-all/signatures?q=Ann')).json()) as { signatures: { id: number }[] };
    await api('POST', '/letters/tech-for-all/signatures/moderate', { action: 'notable', ids: [ann.signatures[0]!.id], note: 'called her' });
    const page = await (await ctx.site.fetch('/l/tech-for-all')).text();
    expect(names(page)).toEqual(['Maria Famous', 'Ann Example', 'Spam Bot']);
    expect(page).toContain('<li class="notable"><span class="signatory-name">Ann Example</span>');
    await api('POST', '/letters/tech-for-all/signatures/moderate', { action: 'unnotable', ids: [ann.signatures[0]!.id] });
    expect(names(await (await ctx.site.fetch('/l/tech-for-all')).text())).toEqual(['Maria Famous', 'Spam Bot', 'Ann Example']);
    expect(await ctx.site.count('tech-for-all')).toBe(3);
  });

  it('acts on many signatures at once from the admin page', async () => {
    const browser = new AdminBrowser(ctx.site);
    await browser.login(token);
    const list = await (await browser.get('/admin/letters/tech-for-all/signatures?status=verified')).text();
    const ids = [...list.matchAll(/name="ids" value="(\d+)"/g)].map((m) => m[1]!);
    expect(ids).toHaveLength(3);
    const res = await browser.post('/admin/letters/tech-for-all/signatures', { action: 'hide', ids });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('hide: 3 signatures changed.');
    expect(await ctx.site.count('tech-for-all')).toBe(0);
    await browser.get('/admin/letters/tech-for-all/signatures');
    await browser.post('/admin/letters/tech-for-all/signatures', { action: 'unhide', ids });
    expect(await ctx.site.count('tech-for-all')).toBe(3);
    const dashboard = await (await browser.get('/admin')).text();
    expect(dashboard).toContain('signature_unhide');
  });

  it('closes the letter: the page shows the final count and signing answers 409', async () => {
    const browser = new AdminBrowser(ctx.site);
    await browser.login(token);
    const edit = await (await browser.get('/admin/letters/tech-for-all')).text();
    const field = (name: string) => edit.match(new RegExp(`name="${name}" type="text" value="([^"]*)"`))?.[1] ?? '';
    const res = await browser.post('/admin/letters/tech-for-all', {
      title: field('title'),
      slug: field('slug'),
      summary: field('summary'),
      body: 'We, the **undersigned**, ask.',
      lang: field('lang'),
      goal: field('goal'),
      status: 'closed',
      field_title: 'optional',
      field_organisation: 'required',
      field_city: 'off',
    });
    expect(res.status).toBe(303);
    const page = await (await ctx.site.fetch('/l/tech-for-all')).text();
    expect(page).toContain('This letter is closed');
    expect(page).toContain('Final count: 3 signatures');
    expect(page).not.toContain('<form class="sign"');
    const late = await ctx.site.signJson({ name: 'Late', email: 'late@example.org', organisation: 'X', listed: true }, 'tech-for-all');
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: { message: string } }).error.message).toBe(
      'This letter is closed and no longer takes signatures.',
    );
  });

  it('creates a letter from the admin page, and shows the form again with messages when it is wrong', async () => {
    const browser = new AdminBrowser(ctx.site);
    await browser.login(token);
    await browser.get('/admin/new-letter');
    const wrong = await browser.post('/admin/letters', { slug: 'bad slug', title: '', body: 'Text', status: 'draft' });
    expect(wrong.status).toBe(400);
    const html = await wrong.text();
    expect(html).toContain('Use lower-case letters');
    expect(html).toContain('value="bad slug"');
    const ok = await browser.post('/admin/letters', { slug: 'second', title: 'Second <letter>', body: 'Text', status: 'draft' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/admin/letters/second');
    const preview = await (await browser.get('/admin/letters/second/preview')).text();
    expect(preview).toContain('<h1>Second &lt;letter&gt;</h1>');
    // Its language links stay on the preview: the draft has no public page to lead to.
    expect(preview).toContain('<a href="/admin/letters/second/preview?lang=be"');
    expect((await ctx.site.fetch('/l/second')).status).toBe(404);
  });

  it('still takes `state`, the old name of `status`, with `status` winning when both are sent', async () => {
    expect(await (await api('PATCH', '/letters/tech-for-all', { state: 'closed' })).json()).toMatchObject({ status: 'closed' });
    expect((await ctx.site.signJson({ name: 'Late', email: 'late@example.org', listed: true }, 'tech-for-all')).status).toBe(409);
    expect(await (await api('PATCH', '/letters/tech-for-all', { state: 'draft', status: 'open' })).json()).toMatchObject({ status: 'open' });
    expect(await (await ctx.site.fetch('/api/letters/tech-for-all')).json()).toMatchObject({ status: 'open' });
  });
});
