import { Resvg } from '@resvg/resvg-js';
import { parse } from 'csv-parse/sync';
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { verifyCount, wellKnownDocument } from '../../src/domain/count-proof.ts';
import { AdminBrowser } from '../support/admin-browser.ts';
import { pdfText } from '../support/pdf-text.ts';
import { SLUG, signAndConfirm, siteWithMail } from '../support/site.ts';

const LISTED = ['Алесь Бяляцкі', 'Łukasz Nowak', 'Nina Nowicka'];
const HELD_BACK = { hidden: 'Hugo Hale', waiting: 'Wanda West', unlisted: 'Quentin Quill' };

// Story: Alice hands the letter to its addressee: the text, the count that anyone can check, and the
// names the public list shows, notable first; she exports the list for a colleague's Excel. Names
// waiting for a threshold, hidden or unlisted stay off the paper, and nobody but an organizer gets it.
describe('delivering the letter', () => {
  const ctx = siteWithMail();
  let alice: AdminBrowser;
  let token: string;
  const edition = `/admin/letters/${SLUG}/edition`;

  it('collects signatures: listed, notable, hidden, waiting for a threshold, unlisted', async () => {
    token = await ctx.site.organizerToken('Alice');
    const admin = (method: string, path: string, body?: unknown) => ctx.site.admin(token, method, `/letters/${SLUG}${path}`, body);
    expect(
      (await admin('PATCH', '', { listThresholds: [100], listDelayHours: 0, organisedBy: 'Friends of Code', addressee: 'The Minister', publishedOn: '2026-03-25' }))
        .status,
    ).toBe(200);
    for (const [i, name] of LISTED.entries()) await signAndConfirm(ctx, { name, email: `listed${i}@example.org`, listed: true, organisation: i === 1 ? 'Nowak & Syn' : undefined });
    await signAndConfirm(ctx, { name: HELD_BACK.hidden, email: 'hugo@example.org', listed: true });
    await signAndConfirm(ctx, { name: HELD_BACK.waiting, email: 'wanda@example.org', listed: true, listAt: 100 });
    await signAndConfirm(ctx, { name: HELD_BACK.unlisted, email: 'quentin@example.org', listed: false });
    const { signatures } = (await (await admin('GET', '/signatures')).json()) as { signatures: { id: number; name: string }[] };
    const id = (name: string) => signatures.find((s) => s.name === name)!.id;
    expect((await admin('POST', '/signatures/moderate', { action: 'hide', ids: [id(HELD_BACK.hidden)] })).status).toBe(200);
    expect((await admin('POST', '/signatures/moderate', { action: 'notable', ids: [id('Nina Nowicka')], note: 'known to us' })).status).toBe(200);

    alice = new AdminBrowser(ctx.site);
    expect((await alice.login(token)).status).toBe(303);
    const translated = await alice.post(`/admin/letters/${SLUG}/translations`, { lang: 'be', title: 'Код не расце ў страху', body: 'Мы, ніжэйпадпісаныя, просім.' });
    expect(translated.status).toBe(303);
  });

  it('links the export form and the edition from the letter, each a form that works without JavaScript', async () => {
    const letter = await (await alice.get(`/admin/letters/${SLUG}`)).text();
    expect(letter).toContain(`href="/admin/letters/${SLUG}/deliver"`);
    const deliver = await alice.get(`/admin/letters/${SLUG}/deliver`);
    const html = await deliver.text();
    expect(deliver.status).toBe(200);
    expect(html).toContain(`<form method="get" action="/admin/letters/${SLUG}/export.csv"`);
    expect(html).toContain(`formaction="/admin/letters/${SLUG}/edition.pdf"`);
    expect(html).toMatch(/<option value="be"[^>]*>Беларуская/);
  });

  it('exports as the form sends it: blank dates and "all" mean no filter, for Excel starts with a BOM, no email column unless asked', async () => {
    const form = (fields: Record<string, string>) => alice.get(`/admin/letters/${SLUG}/export.csv?${new URLSearchParams({ status: '', from: '', to: '', ...fields })}`);
    const plain = await form({});
    expect(plain.status).toBe(200);
    const plainBytes = new Uint8Array(await plain.arrayBuffer());
    expect(plainBytes[0]).toBe('i'.charCodeAt(0));
    const plainRows = parse(new TextDecoder().decode(plainBytes), { columns: true }) as Record<string, string>[];
    expect(plainRows).toHaveLength(6);
    expect(Object.keys(plainRows[0]!)).not.toContain('email');
    expect(new TextDecoder().decode(plainBytes)).not.toContain('@example.org');

    const excel = await form({ bom: 'true', includeEmail: 'true', status: 'hidden' });
    const bytes = new Uint8Array(await excel.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text).toContain('\r\n');
    const rows = parse(text, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.name, r.email])).toEqual([[HELD_BACK.hidden, 'hugo@example.org']]);

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const future = parse(await (await form({ from: tomorrow })).text(), { columns: true }) as unknown[];
    expect(future).toHaveLength(0);
    const beforeTomorrow = parse(await (await form({ to: tomorrow })).text(), { columns: true }) as unknown[];
    expect(beforeTomorrow).toHaveLength(6);

    const jsonl = await alice.get(`/admin/letters/${SLUG}/export.jsonl?status=verified&includeEmail=true`);
    const lines = (await jsonl.text()).trim().split('\n').map((l) => JSON.parse(l) as { name: string; email: string });
    expect(lines.map((l) => l.name).sort()).toEqual([...LISTED, HELD_BACK.waiting, HELD_BACK.unlisted].sort());
    expect(lines.every((l) => l.email.endsWith('@example.org'))).toBe(true);

    const bad = await form({ from: 'yesterday' });
    expect(bad.status).toBe(400);
  });

  it('prints the letter, its meta, the checkable count, and the listed names only, notable first', async () => {
    const res = await alice.get(edition);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('<link rel="stylesheet" href="/edition.css"/>');
    expect(html).not.toContain('class="site"');
    expect(html).toContain('Friends of Code');
    expect(html).toContain('The Minister');
    expect(html).toContain('5 signatures as of');
    expect(html).toContain('<svg');
    for (const name of LISTED) expect(html).toContain(name);
    for (const name of Object.values(HELD_BACK)) expect(html).not.toContain(name);
    expect(html.indexOf('Nina Nowicka')).toBeLessThan(html.indexOf('Алесь Бяляцкі'));
  });

  it('prints in a language of the letter when asked, else in its own', async () => {
    const be = await (await alice.get(`${edition}?lang=be`)).text();
    expect(be).toContain('<html lang="be">');
    expect(be).toContain('Код не расце ў страху');
    expect(be).toContain('5 подпісаў па стане на');
    const unknown = await (await alice.get(`${edition}?lang=xx`)).text();
    expect(unknown).toContain('<html lang="en">');
  });

  it('makes a PDF whose text has the listed names and not the held-back ones, with a count the site’s key checks', async () => {
    const res = await alice.get(`${edition}.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const { text } = await pdfText(bytes);
    expect(text).toContain('Code does not grow in fear');
    for (const name of LISTED) expect(text).toContain(name);
    for (const name of Object.values(HELD_BACK)) expect(text).not.toContain(name);
    expect(text.indexOf('Nina Nowicka')).toBeLessThan(text.indexOf('Łukasz Nowak'));

    const belarusian = (await pdfText(new Uint8Array(await (await alice.get(`${edition}.pdf?lang=be`)).arrayBuffer()))).text;
    expect(belarusian).toContain('Код не расце ў страху');
    expect(belarusian).toContain('Алесь Бяляцкі');
    expect(ctx.site.logs.join('\n')).not.toContain('no bundled font draws');
  });

  it('puts in the QR code the signed count, which checks against the site’s published key', async () => {
    const html = await (await alice.get(edition)).text();
    const svg = html.match(/<svg[\s\S]*?<\/svg>/)![0];
    const image = new Resvg(svg, { fitTo: { mode: 'width', value: 800 } }).render();
    const code = jsQR(new Uint8ClampedArray(image.pixels), image.width, image.height);
    const key = (await (await ctx.site.fetch('/.well-known/undersigned.json')).json()) as ReturnType<typeof wellKnownDocument>;
    expect(await verifyCount(JSON.parse(code!.data), key.keys[0]!.publicKeyJwk)).toMatchObject({ valid: true, slug: SLUG, count: 5 });
    expect(html).toContain('--key http://letters.test/.well-known/undersigned.json');
  });

  it('gives the edition, the PDF and the export to no one without an organizer session', async () => {
    const stranger = new AdminBrowser(ctx.site);
    for (const path of [edition, `${edition}.pdf`, `/admin/letters/${SLUG}/deliver`, `/admin/letters/${SLUG}/export.csv?includeEmail=true`]) {
      const res = await stranger.get(path);
      expect(res.status, path).toBe(401);
      const body = await res.text();
      for (const name of LISTED) expect(body, path).not.toContain(name);
    }
    // A signer's links are no key to the admin pages either: only an organizer's session is.
    const signer = await ctx.site.fetch(`${edition}.pdf`, { headers: { authorization: `Bearer ${token.slice(0, -2)}xx` } });
    expect(signer.status).toBe(401);
  });
});
