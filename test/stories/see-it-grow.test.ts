import { describe, expect, it } from 'vitest';
import { AdminBrowser } from '../support/admin-browser.ts';
import { linkPath } from '../support/smtp.ts';
import { PUBLIC_URL, SLUG, rows, siteWithMail } from '../support/site.ts';

interface Growth {
  hours: { start: string; confirmed: number; pending: number; withdrawn: number; hidden: number }[];
  days: { day: string; confirmed: number; pending: number; withdrawn: number; hidden: number }[];
  confirmation: { confirmed: number; pending: number; withdrawnUnconfirmed: number; expired: number; rate: number | null };
  sources: { day: string; source: string; signings: number }[];
}

const TAGS = ['share-telegram', 'embed-widget', 'embed-badge', 'share-qr'];

// Story: Alice shares her letter on Telegram and a news site embeds its widget. Readers come through
// those links and sign; the next day she opens the letter's dashboard and sees the day's signings by
// what became of them and by where they came from. Nobody else can, and no signature keeps its source.
describe("a letter's dashboard", () => {
  const ctx = siteWithMail();
  let token: string;
  const today = new Date().toISOString().slice(0, 10);

  /** Opens a link to the letter as a reader's browser does and sends its form back, hidden fields and all. */
  async function signThrough(link: string, signer: { name: string; email: string }) {
    const path = link.slice(PUBLIC_URL.length);
    const html = await (await ctx.site.fetch(path)).text();
    const hidden = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    const res = await ctx.site.fetch(`/l/${SLUG}/sign`, {
      method: 'POST',
      body: new URLSearchParams({ ...hidden, website: '', listed: 'true', ...signer }),
    });
    expect(res.status).toBe(303);
  }
  const confirm = async (email: string) => {
    const [mail] = await ctx.mail.mailTo(email);
    expect((await ctx.site.fetch(linkPath(mail!, 'confirm'), { method: 'POST' })).status).toBe(200);
  };
  const growth = async () => {
    const res = await ctx.site.admin(token, 'GET', `/letters/${SLUG}/growth`);
    expect(res.status).toBe(200);
    return (await res.json()) as Growth;
  };

  it('counts signings by the link they came through, once per new signature', async () => {
    token = await ctx.site.organizerToken('Alice');
    // The page after signing offers the letter to pass on.
    const afterSigning = await (await ctx.site.fetch(`/l/${SLUG}/check-email`)).text();
    const telegram = decodeURIComponent(afterSigning.match(/href="https:\/\/t\.me\/share\/url\?url=([^&"]+)/)![1]!);
    expect(telegram).toBe(`${PUBLIC_URL}/l/${SLUG}?src=share-telegram`);
    const widget = await (await ctx.site.fetch(`/embed/${SLUG}`)).text();
    const fromWidget = widget.match(/<a class="sign" href="([^"]+)"/)![1]!;
    expect(fromWidget).toBe(`${PUBLIC_URL}/l/${SLUG}?src=embed-widget`);

    await signThrough(telegram, { name: 'Tanya Telegram', email: 'tanya@example.org' });
    await signThrough(telegram, { name: 'Tom Telegram', email: 'tom@example.org' });
    await signThrough(fromWidget, { name: 'Wiktor Widget', email: 'wiktor@example.org' });
    await signThrough(`${PUBLIC_URL}/l/${SLUG}?src=<b>made-up</b>`, { name: 'Olga Other', email: 'olga@example.org' });
    await signThrough(`${PUBLIC_URL}/l/${SLUG}`, { name: 'Dina Direct', email: 'dina@example.org' });
    expect((await ctx.site.signJson({ name: 'Api Ann', email: 'ann@example.org', listed: false })).status).toBe(202);
    // Signing again through another link makes no new signature, and counts nothing.
    await signThrough(fromWidget, { name: 'Tanya Telegram', email: 'tanya@example.org' });

    await confirm('tanya@example.org');
    await confirm('wiktor@example.org');
    await confirm('olga@example.org');
    await confirm('dina@example.org');
    const [olgaMail] = await ctx.mail.mailTo('olga@example.org');
    expect((await ctx.site.fetch(linkPath(olgaMail!, 'withdraw'), { method: 'POST' })).status).toBe(200);
    const [dina] = await rows(ctx.site, `SELECT id FROM signatures WHERE name = 'Dina Direct'`);
    expect((await ctx.site.admin(token, 'POST', `/letters/${SLUG}/signatures/moderate`, { action: 'hide', ids: [Number(dina!.id)] })).status).toBe(200);

    const { days, hours, confirmation, sources } = await growth();
    expect(days.at(-1)).toEqual({ day: today, confirmed: 2, pending: 2, withdrawn: 1, hidden: 1 });
    expect(hours).toHaveLength(48);
    const sum = (kind: 'confirmed' | 'pending' | 'withdrawn' | 'hidden') => hours.reduce((n, hour) => n + hour[kind], 0);
    expect([sum('confirmed'), sum('pending'), sum('withdrawn'), sum('hidden')]).toEqual([2, 2, 1, 1]);
    expect(sources.filter((s) => s.day === today).map(({ source, signings }) => [source, signings])).toEqual([
      ['api', 1],
      ['direct', 1],
      ['embed-widget', 1],
      ['other', 1],
      ['share-telegram', 2],
    ]);
    expect(confirmation).toEqual({ confirmed: 4, pending: 2, withdrawnUnconfirmed: 0, expired: 0, rate: 4 / 6 });
  });

  it('shows the same figures on the admin page, as a chart with a table behind it', async () => {
    const browser = new AdminBrowser(ctx.site);
    await browser.login(token);
    const letterAdmin = await (await browser.get(`/admin/letters/${SLUG}`)).text();
    expect(letterAdmin).toContain(`href="/admin/letters/${SLUG}/growth"`);
    const html = await (await browser.get(`/admin/letters/${SLUG}/growth`)).text();
    expect(html).toMatch(/<svg class="growth-chart"[^>]*role="img"/);
    const row = html.match(new RegExp(`<tr><th scope="row">${today}</th>(.*?)</tr>`))![1]!;
    expect([...row.matchAll(/<td>(\d+)<\/td>/g)].map((m) => Number(m[1]))).toEqual([2, 2, 1, 1]);
    expect(html).toContain('67%');
    expect(html).toMatch(/Shared on Telegram<\/th><td>2</);
  });

  it('counts the pending signatures the purge deletes in the confirmation rate', async () => {
    await ctx.site.store.purge(new Date(Date.now() + 8 * 24 * 3600 * 1000));
    const { confirmation, days } = await growth();
    expect(confirmation).toEqual({ confirmed: 4, pending: 0, withdrawnUnconfirmed: 0, expired: 2, rate: 4 / 6 });
    expect(days.at(-1)).toEqual({ day: today, confirmed: 2, pending: 0, withdrawn: 1, hidden: 1 });
  });

  it('keeps the source nowhere but in the counts: not with a signature, its links, its mail, the export or a cookie', async () => {
    const stored = JSON.stringify([
      ...(await rows(ctx.site, 'SELECT * FROM signatures')),
      ...(await rows(ctx.site, 'SELECT * FROM tokens')),
      ...(await rows(ctx.site, 'SELECT * FROM outbox')),
    ]);
    for (const tag of [...TAGS, 'made-up', 'other', 'direct']) expect(stored).not.toContain(tag);
    for (const format of ['csv', 'jsonl']) {
      const exported = await (await ctx.site.admin(token, 'GET', `/letters/${SLUG}/export.${format}?includeEmail=true`)).text();
      for (const tag of [...TAGS, 'made-up', 'other']) expect(exported).not.toContain(tag);
    }
    const page = await ctx.site.fetch(`/l/${SLUG}?src=share-telegram`);
    expect(page.headers.getSetCookie().join()).not.toMatch(/src|telegram/);
  });

  it('takes a made-up tag as "other", never prints it, and sends on the source of each page asked for', async () => {
    const first = await (await ctx.site.fetch(`/l/${SLUG}?src=${encodeURIComponent('"><script>alert(1)</script>')}`)).text();
    expect(first).not.toContain('alert(1)');
    expect(first).toContain('<input type="hidden" name="src" value="other"/>');
    const plain = await (await ctx.site.fetch(`/l/${SLUG}`)).text();
    expect(plain).toContain('<input type="hidden" name="src" value="direct"/>');
    for (const tag of ['share-vk', 'embed-badge', 'share-vk']) {
      expect(await (await ctx.site.fetch(`/l/${SLUG}?src=${tag}`)).text()).toContain(`<input type="hidden" name="src" value="${tag}"/>`);
    }
    expect(await (await ctx.site.fetch(`/l/${SLUG}`)).text()).toContain('<input type="hidden" name="src" value="direct"/>');
  });

  it('shows nothing to a stranger, a signer with their link, or an unauthenticated script', async () => {
    const stranger = await ctx.site.fetch(`/admin/letters/${SLUG}/growth`);
    expect(stranger.status).toBe(401);
    expect(await stranger.text()).not.toContain('growth-chart');
    expect((await ctx.site.fetch(`/api/admin/letters/${SLUG}/growth`)).status).toBe(401);
    // A signer's withdraw token is no organizer token, as Bearer or as a session cookie.
    const [mail] = await ctx.mail.mailTo('tanya@example.org');
    const signerToken = linkPath(mail!, 'withdraw').split('/').at(-1)!;
    expect((await ctx.site.admin(signerToken, 'GET', `/letters/${SLUG}/growth`)).status).toBe(401);
    const withCookie = await ctx.site.fetch(`/admin/letters/${SLUG}/growth`, { headers: { cookie: `undersigned_session=${signerToken}` } });
    expect(withCookie.status).toBe(401);
    // A revoked organizer's token stops at once.
    const revoked = await ctx.site.organizerToken('Mallory');
    const [mallory] = await rows(ctx.site, `SELECT id FROM organizers WHERE name = 'Mallory'`);
    await ctx.site.store.revokeOrganizer(Number(mallory!.id), { organizerId: null, name: 'command line' }, new Date());
    expect((await ctx.site.admin(revoked, 'GET', `/letters/${SLUG}/growth`)).status).toBe(401);
  });
});
