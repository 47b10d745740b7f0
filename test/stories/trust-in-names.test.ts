import { describe, expect, it } from 'vitest';
import { AdminBrowser } from '../support/admin-browser.ts';
import { linkPath } from '../support/smtp.ts';
import { rows, SLUG, siteWithMail } from '../support/site.ts';

// Story: engineers of one company sign and show that their work address was verified; the organizers
// vet a well-known signatory before presenting her as one. Nobody's address ever shows.
describe('verified affiliations and vetted notable signatories', () => {
  const ctx = siteWithMail({ COUNT_REFRESH_MS: '50' });
  let organizer: string;
  const emails: string[] = [];

  const admin = (method: string, path: string, body?: unknown) => ctx.site.admin(organizer, method, path, body);
  const text = async (path: string) => (await ctx.site.fetch(path)).text();
  const domains = async () =>
    ((await (await ctx.site.fetch(`/api/letters/${SLUG}/domains`)).json()) as { domains: { domain: string; atLeast: number }[] }).domains;
  const listJson = async () =>
    (await (await ctx.site.fetch(`/api/letters/${SLUG}/signatures`)).json()) as {
      signatures: { name: string; domain: string | null; domainOrganisation: string | null; notable: boolean; notableNote: string | null }[];
    };

  async function signAndConfirm(name: string, email: string, showDomain: boolean) {
    emails.push(email);
    const res = await ctx.site.signJson({ name, email, listed: true, showDomain });
    expect(res.status).toBe(202);
    const [mail] = await ctx.mail.mailTo(email);
    expect((await ctx.site.fetch(linkPath(mail!, 'confirm'), { method: 'POST' })).status).toBe(200);
    return mail!;
  }

  it('keeps the domain of a signer who chose to show it, and tells her so', async () => {
    organizer = await ctx.site.organizerToken();
    const mail = await signAndConfirm('Olga Engineer', 'olga.engineer@company.by', true);
    expect(mail.text).toContain('Your email domain will be shown as verified: @company.by.');
    await signAndConfirm('Pavel Quiet', 'pavel@company.by', false);
    await signAndConfirm('Gala Freemail', 'gala@gmail.com', true);
    await signAndConfirm('Ivan Mailru', 'ivan@Mail.RU', true);
    const stored = await rows(ctx.site, 'SELECT name, email_domain FROM signatures ORDER BY id');
    expect(stored.map((r) => [r.name, r.email_domain])).toEqual([
      ['Olga Engineer', 'company.by'],
      ['Pavel Quiet', null],
      ['Gala Freemail', null],
      ['Ivan Mailru', null],
    ]);
    const listed = (await listJson()).signatures;
    expect(listed.find((s) => s.name === 'Olga Engineer')).toMatchObject({ domain: 'company.by' });
    expect(listed.filter((s) => s.domain !== null)).toHaveLength(1);
    expect(await text(`/l/${SLUG}/signatories`)).toContain('(verified at @company.by)');
  });

  it('shows no count for a domain until it has five signers who show it', async () => {
    for (const name of ['Anton', 'Bella', 'Cyril']) await signAndConfirm(`${name} Engineer`, `${name.toLowerCase()}@company.by`, true);
    expect(await domains()).toEqual([]);
    expect(await text(`/l/${SLUG}/signatories`)).not.toContain('verified signers at');
    await signAndConfirm('Dasha Engineer', 'dasha@company.by', true);
    expect(await domains()).toEqual([{ domain: 'company.by', organisation: null, atLeast: 5 }]);
    expect(await text(`/l/${SLUG}/signatories`)).toContain('5+ verified signers at @company.by');
  });

  it('never counts a free-mail domain, however many sign from it', async () => {
    // Rows as another instance (or an older free-mail list) might have left them.
    await ctx.site.db.execute({
      sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6)
            INSERT INTO signatures (letter_id, status, name, listed, email_domain, lang, mail_window_start, created_at, verified_at)
            SELECT (SELECT id FROM letters WHERE slug = ?), 'verified', 'Free ' || i, 1, 'gmail.com', 'en', 0, 0, 1 FROM n`,
      args: [SLUG],
    });
    expect((await domains()).map((d) => d.domain)).toEqual(['company.by']);
    expect(await text(`/l/${SLUG}/signatories`)).not.toContain('@gmail.com');
  });

  it('lets organizers name the organisation behind a domain, but never a free-mail one', async () => {
    const refused = await admin('PUT', '/domains/gmail.com', { organisation: 'Google' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { fields: { domain: 'Free-mail domains are never an affiliation.' } } });
    const named = await admin('PUT', '/domains/Company.BY', { organisation: 'Company <Ltd>' });
    expect(named.status).toBe(200);
    expect(await named.json()).toEqual({ domain: 'company.by', organisation: 'Company <Ltd>' });
    expect(await domains()).toEqual([{ domain: 'company.by', organisation: 'Company <Ltd>', atLeast: 5 }]);
    const page = await text(`/l/${SLUG}/signatories`);
    expect(page).toContain('verified at Company &lt;Ltd&gt;, @company.by');
    expect(page).not.toContain('Company <Ltd>');
    expect((await admin('DELETE', '/domains/company.by')).status).toBe(200);
    expect((await domains())[0]).toMatchObject({ organisation: null });
  });

  it('refuses to mark a signatory notable without a vetting note, from the API and the admin page', async () => {
    const [olga] = ((await (await admin('GET', `/letters/${SLUG}/signatures?q=Olga`)).json()) as { signatures: { id: number }[] }).signatures;
    const api = await admin('POST', `/letters/${SLUG}/signatures/moderate`, { action: 'notable', ids: [olga!.id] });
    expect(api.status).toBe(400);
    expect(((await api.json()) as { error: { fields: Record<string, string> } }).error.fields.note).toMatch(/how the organizers verified/);

    const browser = new AdminBrowser(ctx.site);
    await browser.login(organizer);
    await browser.get(`/admin/letters/${SLUG}/signatures`);
    const page = await browser.post(`/admin/letters/${SLUG}/signatures`, { action: 'notable', ids: [String(olga!.id)], note: '  ' });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('note: Say how the organizers verified this signatory');

    expect((await listJson()).signatures.some((s) => s.notable)).toBe(false);
    expect(await rows(ctx.site, 'SELECT id FROM signatures WHERE notable = 1')).toEqual([]);
  });

  it('shows a vetted signatory first, with how she was verified', async () => {
    const [olga] = ((await (await admin('GET', `/letters/${SLUG}/signatures?q=Olga`)).json()) as { signatures: { id: number }[] }).signatures;
    const note = 'work email at company.by & a call <b>';
    const res = await admin('POST', `/letters/${SLUG}/signatures/moderate`, { action: 'notable', ids: [olga!.id], note });
    expect(res.status).toBe(200);
    const [first] = (await listJson()).signatures;
    expect(first).toMatchObject({ name: 'Olga Engineer', notable: true, notableNote: note });
    for (const path of [`/l/${SLUG}`, `/l/${SLUG}/signatories`]) {
      const html = await text(path);
      expect(html).toContain('verified by the organizers: work email at company.by &amp; a call &lt;b&gt;');
    }
    // Unmarked, the note goes with the mark.
    await admin('POST', `/letters/${SLUG}/signatures/moderate`, { action: 'unnotable', ids: [olga!.id] });
    expect((await listJson()).signatures.find((s) => s.name === 'Olga Engineer')).toMatchObject({ notable: false, notableNote: null });
  });

  it('never shows an email address in any public output', async () => {
    const outputs = await Promise.all(
      [
        `/l/${SLUG}`,
        `/l/${SLUG}/signatories`,
        `/api/letters/${SLUG}/signatures`,
        `/api/letters/${SLUG}/domains`,
        `/api/letters/${SLUG}`,
        `/embed/${SLUG}`,
      ].map(text),
    );
    for (const email of emails) {
      const local = email.split('@')[0]!;
      for (const output of outputs) {
        expect(output.toLowerCase()).not.toContain(email.toLowerCase());
        expect(output).not.toContain(`${local}@`);
      }
    }
  });
});
