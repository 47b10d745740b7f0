import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { AdminBrowser } from '../support/admin-browser.ts';
import { linkPath } from '../support/smtp.ts';
import { SLUG, siteWithMail } from '../support/site.ts';

const SIGNERS = [
  { name: 'Doe, John', email: 'john@example.org', organisation: 'ACME "Best" Ltd', title: 'CEO' },
  { name: 'Łukasz 🎉 Nowak', email: 'lukasz@example.org', organisation: 'Nowak & Syn; "Line", two', city: 'Kraków' },
  { name: 'Алесь Бяляцкі', email: 'ales@example.org', city: 'Мінск' },
  { name: 'محمد العربي', email: 'arabic@example.org', organisation: 'جامعة' },
  { name: '=HYPERLINK("http://evil.example","click")', email: 'formula@example.org' },
  { name: '+1 Plus', email: 'plus@example.org', organisation: '-2', title: '@SUM(A1:A2)' },
];

const FORMULA = /^[=+\-@\t\r]/;

// Story: Alice hands the list to the press: it must open cleanly in a spreadsheet, run no formula,
// and hold no email address unless she asks for one (which is logged).
describe('exporting the list', () => {
  const ctx = siteWithMail();
  let token: string;
  const exported = async (path: string) => {
    const res = await ctx.site.fetch(`/api/admin/letters/${SLUG}/${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { res, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
  };

  it('signs the letter with awkward names', async () => {
    token = await ctx.site.organizerToken('Alice');
    for (const signer of SIGNERS) {
      expect((await ctx.site.signJson({ ...signer, listed: true })).status).toBe(202);
      const [mail] = await ctx.mail.mailTo(signer.email);
      await ctx.site.fetch(linkPath(mail!, 'confirm'), { method: 'POST' });
    }
    expect(await ctx.site.count()).toBe(SIGNERS.length);
  });

  it('exports RFC 4180 CSV that a CSV parser reads back value for value, formulas neutralised, without emails', async () => {
    const { res, text } = await exported('export.csv');
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${SLUG}-signatures.csv"`);
    expect(text).toContain('\r\n');
    expect(text).not.toMatch(/example\.org/);
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(SIGNERS.length);
    expect(Object.keys(rows[0]!)).not.toContain('email');
    for (const signer of SIGNERS) {
      const row = rows.find((r) => r.name === signer.name || r.name === `'${signer.name}`)!;
      expect(row, signer.name).toBeDefined();
      for (const field of ['name', 'title', 'organisation', 'city'] as const) {
        const value = (signer as Record<string, string | undefined>)[field] ?? '';
        expect(row[field]).toBe(FORMULA.test(value) ? `'${value}` : value);
      }
      expect(row.status).toBe('verified');
      expect(row.listed).toBe('true');
    }
    for (const row of rows) {
      for (const value of Object.values(row)) expect(value).not.toMatch(FORMULA);
    }
  });

  it('includes emails only when asked, with a BOM for Excel when asked, and logs the asking', async () => {
    const { bytes, text } = await exported('export.csv?includeEmail=true&bom=true');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(text, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => r.email).sort()).toEqual(SIGNERS.map((s) => s.email).sort());

    const audit = await ctx.site.store.auditLog({ limit: 10 });
    const exports = audit.filter((e) => e.action === 'export');
    expect(exports[0]!.detail).toMatchObject({ format: 'csv', includeEmail: true, rows: SIGNERS.length });
    expect(exports[1]!.detail).toMatchObject({ format: 'csv', includeEmail: false });
    expect(exports[0]!.actor).toBe('Alice');
    expect((await exported('export.csv')).bytes[0]).toBe('i'.charCodeAt(0));
  });

  it('exports JSON Lines that come back value for value', async () => {
    const { res, text } = await exported('export.jsonl');
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(SIGNERS.length);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const signer of SIGNERS) {
      const record = records.find((r) => r.name === signer.name)!;
      expect(record).toMatchObject({
        name: signer.name,
        title: signer.title ?? null,
        organisation: signer.organisation ?? null,
        city: signer.city ?? null,
        status: 'verified',
        listed: true,
      });
      expect(record).not.toHaveProperty('email');
    }
  });

  it('filters by status and date', async () => {
    const parseRows = (text: string) => parse(text, { columns: true }) as Record<string, string>[];
    expect(parseRows((await exported('export.csv?status=pending')).text)).toHaveLength(0);
    expect(parseRows((await exported('export.csv?status=verified')).text)).toHaveLength(SIGNERS.length);
    expect(parseRows((await exported('export.csv?from=2999-01-01')).text)).toHaveLength(0);
    expect(parseRows((await exported(`export.csv?to=${new Date(Date.now() + 60_000).toISOString()}`)).text)).toHaveLength(SIGNERS.length);
    const bad = await ctx.site.fetch(`/api/admin/letters/${SLUG}/export.csv?status=famous&from=yesterday`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(((await bad.json()) as { error: { fields: object } }).error.fields).sort()).toEqual(['from', 'status']);
  });

  it('downloads the same export from the admin page', async () => {
    const browser = new AdminBrowser(ctx.site);
    await browser.login(token);
    const res = await browser.get(`/admin/letters/${SLUG}/export.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(parse(await res.text(), { columns: true })).toHaveLength(SIGNERS.length);
  });
});
