import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminBrowser } from '../support/admin-browser.ts';
import { PUBLIC_URL, startSite, type Site } from '../support/site.ts';
import { waitFor } from '../support/wait.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('letter metadata', () => {
  let site: Site;
  let token: string;
  const slug = 'to-the-council';
  const fieldsOf = async (res: Response) => ((await res.json()) as { error: { fields: Record<string, string> } }).error.fields;

  beforeAll(async () => {
    site = await startSite();
    token = await site.organizerToken();
  });
  afterAll(() => site.close());

  it('takes organisers, addressee, date and deadline through the organizer API, and gives them back', async () => {
    const deadline = new Date(Date.now() + 10 * DAY + 60_000);
    const res = await site.admin(token, 'POST', '/letters', {
      slug,
      title: 'Keep the library open',
      body: 'We ask the council to keep the library open.',
      status: 'open',
      organisedBy: '  Friends of the   Library ',
      addressee: 'Minsk City Council',
      publishedOn: '2026-03-25',
      deadline: deadline.toISOString().replace('Z', '+00:00'),
      translations: {
        be: { title: 'Захавайце бібліятэку', body: 'Мы просім.', organisedBy: 'Сябры бібліятэкі', addressee: 'Мінскі гарсавет' },
        ru: { title: 'Сохраните библиотеку', body: 'Мы просим.' },
      },
    });
    expect(res.status).toBe(201);
    const letter = await res.json();
    expect(letter).toMatchObject({
      organisedBy: 'Friends of the Library',
      addressee: 'Minsk City Council',
      publishedOn: '2026-03-25',
      deadline: deadline.toISOString(),
      translations: { be: { organisedBy: 'Сябры бібліятэкі', addressee: 'Мінскі гарсавет' }, ru: { organisedBy: null, addressee: null } },
    });
    expect(await (await site.fetch(`/api/letters/${slug}`)).json()).toMatchObject({
      organisedBy: 'Friends of the Library',
      addressee: 'Minsk City Council',
      publishedOn: '2026-03-25',
      status: 'open',
      deadline: deadline.toISOString(),
    });
  });

  it('refuses a date, a deadline or a name that is not one, naming the field', async () => {
    const bad = await site.admin(token, 'PATCH', `/letters/${slug}`, { publishedOn: '25.03.2026', deadline: 'next Friday' });
    expect(bad.status).toBe(400);
    expect(await fieldsOf(bad)).toMatchObject({
      publishedOn: 'Give the date as YYYY-MM-DD, like 2026-03-25.',
      deadline: 'Give the deadline as a date and time with its offset, like 2026-03-25T18:00:00Z.',
    });
    expect(await fieldsOf(await site.admin(token, 'PATCH', `/letters/${slug}`, { publishedOn: '2026-02-30' }))).toHaveProperty('publishedOn');
    const twoLines = await site.admin(token, 'PATCH', `/letters/${slug}`, { organisedBy: 'Alice\nBob', addressee: 'The\u202Ecouncil' });
    expect(await fieldsOf(twoLines)).toMatchObject({
      organisedBy: 'Organised by must be one line.',
      addressee: 'Addressee contains characters that change the direction of the text.',
    });
    // Nothing was changed by the refused requests.
    expect(await (await site.admin(token, 'GET', `/letters/${slug}`)).json()).toMatchObject({ publishedOn: '2026-03-25', organisedBy: 'Friends of the Library' });
  });

  it('shows them under the title in the reader’s language, names translated where the translation has its own', async () => {
    const en = await (await site.fetch(`/l/${slug}?lang=en`)).text();
    expect(en).toContain('<dt>Organised by</dt><dd>Friends of the Library</dd>');
    expect(en).toContain('<dt>To</dt><dd>Minsk City Council</dd>');
    expect(en).toContain('<dt>Date</dt><dd><time datetime="2026-03-25">25 March 2026</time></dd>');
    expect(en).toMatch(/<dt>Signatures until<\/dt><dd><time datetime="[^"]+">[^<]+ UTC<\/time> \(<strong class="countdown"[^>]*>closes in 10 days<\/strong>\)/);
    const be = await (await site.fetch(`/l/${slug}?lang=be`)).text();
    expect(be).toContain('<dt>Арганізатары</dt><dd>Сябры бібліятэкі</dd>');
    expect(be).toContain('<dt>Каму</dt><dd>Мінскі гарсавет</dd>');
    expect(be).toContain('25 сакавіка 2026');
    expect(be).toContain('збор подпісаў скончыцца праз 10 дзён');
    // Russian has no names of its own: the letter's are shown.
    const ru = await (await site.fetch(`/l/${slug}?lang=ru`)).text();
    expect(ru).toContain('<dt>Организаторы</dt><dd>Friends of the Library</dd>');
    expect(ru).toContain('25 марта 2026');
    expect(ru).toContain('сбор подписей закончится через 10 дней');
    const uk = await (await site.fetch(`/l/${slug}?lang=uk`)).text();
    expect(uk).toContain('<dt>Організатори</dt>');
    expect(uk).toContain('збір підписів завершиться через 10 днів');

    const widget = await (await site.fetch(`/embed/${slug}?lang=en`)).text();
    expect(widget).toContain('<p class="meta">Organised by: Friends of the Library · closes in 10 days</p>');
  });

  it('takes them on the admin page, the deadline in UTC, and shows a wrong date again beside its message', async () => {
    const browser = new AdminBrowser(site);
    await browser.login(token);
    const form = { slug: 'from-the-form', title: 'From the form', body: 'Text', status: 'open', lang: 'en' };
    const wrong = await browser.post('/admin/letters', { ...form, organisedBy: 'Alice', publishedOn: '2026-13-01', deadline: '2026-05-01T18:00' });
    expect(wrong.status).toBe(400);
    const html = await wrong.text();
    expect(html).toContain('Give the date as YYYY-MM-DD, like 2026-03-25.');
    expect(html).toContain('name="publishedOn" type="date" value="2026-13-01"');
    expect(html).toContain('name="organisedBy" type="text" value="Alice"');
    const ok = await browser.post('/admin/letters', { ...form, organisedBy: 'Alice', addressee: 'Bob', publishedOn: '2026-04-01', deadline: '2099-05-01T18:00' });
    expect(ok.status).toBe(303);
    expect(await (await site.admin(token, 'GET', '/letters/from-the-form')).json()).toMatchObject({
      organisedBy: 'Alice',
      addressee: 'Bob',
      publishedOn: '2026-04-01',
      deadline: '2099-05-01T18:00:00.000Z',
    });
    const edit = await (await browser.get('/admin/letters/from-the-form')).text();
    expect(edit).toContain('name="deadline" type="datetime-local" value="2099-05-01T18:00"');
    // A translation's own names, from its form on the same page.
    const translated = await browser.post('/admin/letters/from-the-form/translations', {
      lang: 'be',
      title: 'З формы',
      body: 'Тэкст',
      organisedBy: 'Аліса',
      addressee: 'Бобу',
    });
    expect(translated.status).toBe(303);
    expect(await (await site.fetch('/l/from-the-form?lang=be')).text()).toContain('<dt>Арганізатары</dt><dd>Аліса</dd>');
  });

  it('shows nothing of them on a letter that has none', async () => {
    await site.admin(token, 'POST', '/letters', { slug: 'plain', title: 'Plain', body: 'Text', status: 'open' });
    const page = await (await site.fetch('/l/plain')).text();
    expect(page).not.toContain('letter-meta');
    expect(await (await site.fetch('/api/letters/plain')).json()).toMatchObject({
      organisedBy: null,
      addressee: null,
      publishedOn: null,
      deadline: null,
    });
  });

  it('makes link previews of the letter, with everything in them escaped', async () => {
    const title = `"Quoted" <script>alert(1)</script> & more`;
    await site.admin(token, 'PATCH', `/letters/${slug}`, { title, summary: `Summary with "quotes" & <b>tags</b>` });
    const now = Date.now();
    await site.db.execute({
      sql: `INSERT INTO signatures (letter_id, status, name, listed, lang, mail_window_start, created_at, verified_at)
            SELECT id, 'verified', 'Signer', 1, 'en', ?, ?, ? FROM letters WHERE slug = ?`,
      args: [now, now, now, slug],
    });
    await waitFor(async () => (await site.count(slug)) === 1, 'the count');
    const page = await (await site.fetch(`/l/${slug}?lang=en`)).text();
    const head = page.slice(0, page.indexOf('</head>'));
    const escaped = '&quot;Quoted&quot; &lt;script&gt;alert(1)&lt;/script&gt; &amp; more';
    expect(head).not.toContain('<script>alert');
    expect(head).toContain(`<meta property="og:title" content="${escaped}"/>`);
    expect(head).toContain(`<meta name="twitter:title" content="${escaped}"/>`);
    expect(head).toContain(
      '<meta property="og:description" content="Summary with &quot;quotes&quot; &amp; &lt;b&gt;tags&lt;/b&gt; 1 signature."/>',
    );
    expect(head).toContain(`<meta property="og:url" content="${PUBLIC_URL}/l/${slug}"/>`);
    expect(head).toContain('<meta property="og:type" content="article"/>');
    expect(head).toContain('<meta property="og:site_name" content="Undersigned"/>');
    expect(head).toContain('<meta property="og:locale" content="en_US"/>');
    expect(head).toContain('<meta property="og:locale:alternate" content="be_BY"/>');
    expect(head).toContain('<meta property="og:locale:alternate" content="ru_RU"/>');
    expect(head).toContain('<meta name="twitter:card" content="summary_large_image"/>');
    expect(head).toContain(`<meta property="og:image:alt" content="${escaped}"/>`);
    expect(page).toContain(`<h1>${escaped}</h1>`);
  });

  it('refuses a language tag Intl cannot read, and shows a letter that has one from before', async () => {
    const odd = { title: 'Odd', body: 'Text.' };
    for (const translations of [{ 'en-12': odd }, { 'uk-u': odd }]) {
      const refused = await site.admin(token, 'PATCH', `/letters/${slug}`, { translations });
      expect(refused.status).toBe(400);
      expect(await fieldsOf(refused)).toHaveProperty('translations');
    }
    // The pattern alone let these through before: a letter that has one still opens.
    await site.db.execute({
      sql: `INSERT INTO letter_translations (letter_id, lang, title, body) VALUES ((SELECT id FROM letters WHERE slug = ?), 'en-12', 'Odd', 'Text.')`,
      args: [slug],
    });
    for (const path of [`/l/${slug}`, `/l/${slug}?lang=en-12`]) {
      // Once the site has read the letter again.
      await expect
        .poll(async () => {
          const res = await site.fetch(path, { headers: { 'accept-language': 'en-12' } });
          return `${res.status} ${(await res.text()).match(/<meta property="og:locale:alternate" content="en-12"\/>/)?.[0]}`;
        })
        .toBe('200 <meta property="og:locale:alternate" content="en-12"/>');
    }
  });

  it('serves the icon and the web app manifest, linked from every page, with the security headers', async () => {
    for (const path of ['/', `/l/${slug}`, `/l/${slug}/signatories`, '/admin/login', '/nope']) {
      const html = await (await site.fetch(path)).text();
      expect(html, path).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>');
      expect(html, path).toContain('<link rel="manifest" href="/manifest.webmanifest"/>');
    }
    const icon = await site.fetch('/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toContain('image/svg+xml');
    expect(await icon.text()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const manifest = await site.fetch('/manifest.webmanifest');
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('content-type')).toContain('application/manifest+json');
    expect(await manifest.json()).toMatchObject({
      name: 'Undersigned',
      start_url: '/',
      theme_color: '#0b5cad',
      icons: [{ src: '/favicon.svg', type: 'image/svg+xml' }],
    });
    const ico = await site.fetch('/favicon.ico');
    expect(ico.status).toBe(301);
    expect(ico.headers.get('location')).toBe('/favicon.svg');
    for (const res of [icon, manifest, ico]) {
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});
