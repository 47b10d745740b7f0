import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { describe, expect, it } from 'vitest';
import { AdminBrowser } from '../support/admin-browser.ts';
import { linkPath, startMailSink } from '../support/smtp.ts';
import { rows, SLUG, siteWithMail, startSite } from '../support/site.ts';

const XSS_NAME = '<script>alert("name")</script><img src=x onerror=alert(1)>';
const XSS_ORG = '"><svg onload=alert(2)>&amp;';

// Story: someone who wants to know who signed, or to hurt those who did, looks at everything the site
// sends out.
describe('signer privacy and page safety', () => {
  const ctx = siteWithMail();

  it('shows names and organisations full of markup as text on every page', async () => {
    await ctx.site.signJson({ name: XSS_NAME, email: 'xss@example.org', organisation: XSS_ORG, listed: true });
    const [mail] = await ctx.mail.mailTo('xss@example.org');
    const verify = linkPath(mail!, 'verify');
    const confirmPage = await (await ctx.site.fetch(verify)).text();
    await ctx.site.fetch(verify, { method: 'POST' });
    const pages = [`/l/${SLUG}`, `/l/${SLUG}/signatories`, `/l/${SLUG}/signatories?q=script`];
    const browser = new AdminBrowser(ctx.site);
    await browser.login(await ctx.site.organizerToken());
    const admin = await (await browser.get(`/admin/letters/${SLUG}/signatures`)).text();
    const shown = [confirmPage, ...(await Promise.all(pages.map(async (p) => (await ctx.site.fetch(p)).text()))), admin];
    for (const html of shown) {
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('<img src=x');
      expect(html).not.toContain('<svg onload');
      expect(html).toMatch(/&lt;script&gt;alert\(&quot;name&quot;\)&lt;\/script&gt;|&lt;script&gt;alert\("name"\)&lt;\/script&gt;/);
    }
    expect(admin).toContain('&quot;&gt;&lt;svg onload=alert(2)&gt;&amp;amp;');
  });

  it('makes no page load anything from another host', async () => {
    const paths = ['/', `/l/${SLUG}`, `/l/${SLUG}/signatories`, `/l/${SLUG}/check-email`, `/embed/${SLUG}`, '/admin', '/nothing'];
    for (const path of paths) {
      const html = await (await ctx.site.fetch(path)).text();
      const loads = [...html.matchAll(/<(script|link|img|iframe|source|video|audio|embed|object)\b[^>]*\b(?:src|href|data)="([^"]*)"/g)];
      for (const [, tag, url] of loads) {
        const target = new URL(url!, 'http://letters.test/');
        expect(target.host, `${path}: <${tag}> ${url}`).toBe('letters.test');
      }
      expect(html).not.toMatch(/@import|url\(\s*['"]?https?:/);
    }
    for (const css of ['/style.css', '/embed.css']) {
      expect(await (await ctx.site.fetch(css)).text()).not.toMatch(/url\(|@import/);
    }
  });

  it('sends no referrer, no sniffing and no unused browser powers, on every kind of response', async () => {
    for (const path of ['/', `/l/${SLUG}`, `/embed/${SLUG}`, '/style.css', '/nothing']) {
      const res = await ctx.site.fetch(path);
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('permissions-policy'), path).toContain('camera=()');
      expect(res.headers.get('content-security-policy'), path).toMatch(/default-src 'self'.*script-src 'self'/);
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
    // What is not a page may load and run nothing, even opened on its own (an SVG could hold a script).
    const data = [`/api/letters/${SLUG}/count`, `/api/letters/${SLUG}/shields.json`, `/badge/${SLUG}.svg`, '/badge/nothing.svg', '/api/nothing', '/.well-known/undersigned.json'];
    const answers = await Promise.all(data.map((path) => ctx.site.fetch(path)));
    // An accepted signing, and errors too: a refused signing, and a count asked for in a language
    // that does not exist.
    data.push('POST /api (signing)', 'POST /api (bad JSON)', 'GET count (bad locale)');
    const signing = (body: string) =>
      ctx.site.fetch(`/api/letters/${SLUG}/signatures`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    answers.push(
      await signing(JSON.stringify({ name: 'Header Check', email: 'header-check@example.org', listed: false })),
      await signing('{'),
      await ctx.site.fetch(`/api/letters/${SLUG}/count?locale=%%`),
    );
    const accepted = answers.at(-3)!;
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('content-type')).toBe('application/json');
    expect(accepted.headers.get('access-control-allow-origin')).toBeNull();
    expect(await accepted.clone().json()).toEqual({ status: 'pending_verification' });
    expect(answers.at(-2)!.status).toBe(400);
    expect(answers.at(-1)!.status).toBe(400);
    for (const [i, path] of data.entries()) {
      const res = answers[i]!;
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('content-security-policy'), path).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
    const https = await startSite({ env: { PUBLIC_URL: 'https://letters.example.org' } });
    try {
      expect((await https.fetch('/')).headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    } finally {
      await https.close();
    }
  });

  it('keeps every mail header to one line, whatever a name or title holds', async () => {
    const [mail] = await ctx.mail.mailTo('xss@example.org');
    const keys = mail!.headerLines.map((h) => h.key);
    expect(keys.filter((k) => k === 'to')).toHaveLength(1);
    expect(keys.filter((k) => k === 'subject')).toHaveLength(1);
    expect(keys).not.toContain('bcc');
    expect(keys).not.toContain('cc');
    for (const { line } of mail!.headerLines) expect(line).not.toMatch(/victim/);

    const token = await ctx.site.organizerToken('Title tester');
    const res = await ctx.site.fetch(`/api/admin/letters/${SLUG}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Letter\r\nBcc: victim@example.org' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: object } }).error.fields).toHaveProperty('title');
  });

  it('writes no email, name or address to the log', async () => {
    const site = await startSite({ env: { DEV_OUTBOX: '1' } });
    try {
      await site.signJson({ name: 'Logged Person', email: 'logged.person@example.org', listed: true });
      await site.signForm({ name: 'Form Person', email: 'form.person@example.org', listed: 'true' });
      await site.fetch('/verify/not-a-token', { method: 'POST' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const log = site.logs.join('\n');
      expect(log).toContain('"subject":"Confirm your signature: Code does not grow in fear"');
      // Routes are logged by their pattern (/verify/:token), never by the path with its token.
      expect(log).not.toMatch(/logged|form\.person|Person|example\.org|127\.0\.0\.1|\/verify\/(?!:token)/i);
      // …while the development outbox, turned on, shows the mail in full.
      expect(await (await site.fetch('/dev/outbox')).text()).toContain('logged.person@example.org');
    } finally {
      await site.close();
    }
  });

  it('logs a signing and its confirmation by request id and route, without the email, name or token', async () => {
    const from = ctx.site.logs.length;
    await ctx.site.signJson({ name: 'Quiet Signer', email: 'quiet.signer@example.org', listed: true });
    const [mail] = await ctx.mail.mailTo('quiet.signer@example.org');
    const verifyPath = linkPath(mail!, 'verify');
    expect((await ctx.site.fetch(verifyPath, { method: 'POST' })).status).toBe(200);

    const lines = ctx.site.logs.slice(from);
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = entries.filter((entry) => entry.msg === 'request');
    const signing = requests.find((entry) => entry.method === 'POST' && entry.route === '/api/letters/:slug/signatures');
    const confirming = requests.find((entry) => entry.method === 'POST' && entry.route === '/verify/:token');
    expect(signing).toMatchObject({ level: 'info', status: 202, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(confirming).toMatchObject({ level: 'info', status: 200, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(confirming!.requestId).not.toBe(signing!.requestId);
    expect(entries).toContainEqual(expect.objectContaining({ msg: 'mail sent', transport: 'smtp' }));

    const token = verifyPath.split('/').pop()!;
    const log = lines.join('\n');
    for (const secret of ['quiet.signer', 'example.org', 'Quiet', 'Signer', token, SLUG]) expect(log).not.toContain(secret);
  });
});

describe('data kept no longer than needed', () => {
  it('deletes unconfirmed signatures once their links expire, and email addresses after a letter closes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'undersigned-purge-'));
    const databaseUrl = `file:${join(dir, 'site.db')}`;
    const mail = await startMailSink();
    try {
      let site = await startSite({ mail, databaseUrl });
      await site.signJson({ name: 'Never Confirms', email: 'never@example.org', listed: true });
      await site.signJson({ name: 'Confirms', email: 'confirms@example.org', listed: true });
      const [message] = await mail.mailTo('confirms@example.org');
      await site.fetch(linkPath(message!, 'verify'), { method: 'POST' });
      await mail.mailTo('never@example.org');
      // Seven days pass for the unconfirmed one.
      await site.db.execute(
        "UPDATE tokens SET expires_at = 0 WHERE signature_id = (SELECT id FROM signatures WHERE name = 'Never Confirms')",
      );
      const token = await site.organizerToken();
      const close = await site.fetch(`/api/admin/letters/${SLUG}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ state: 'closed', anonymiseAfterDays: 0 }),
      });
      expect(close.status).toBe(200);
      await site.close();
      // Everything so far is in the file itself, not only in the write-ahead log.
      const client = createClient({ url: databaseUrl });
      await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
      client.close();
      expect(await onDisk(databaseUrl, 'never@example.org')).toBe(true);

      // The purge runs when the server starts, and every hour after.
      site = await startSite({ mail, databaseUrl });
      try {
        const left = await rows(site, 'SELECT name, email, email_key, status FROM signatures');
        expect(left).toEqual([{ name: 'Confirms', email: null, email_key: null, status: 'verified' }]);
        expect(await rows(site, 'SELECT * FROM tokens WHERE signature_id NOT IN (SELECT id FROM signatures)')).toEqual([]);
        expect(await site.count()).toBe(1);
        expect(await (await site.fetch(`/l/${SLUG}`)).text()).toContain('<span class="signatory-name">Confirms</span>');
        // Not even as leftover bytes of a deleted row, in the file or its log.
        expect(await onDisk(databaseUrl, 'never@example.org')).toBe(false);
        expect(await onDisk(databaseUrl, 'confirms@example.org')).toBe(false);
      } finally {
        await site.close();
      }
    } finally {
      await mail.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** Whether the database file or its write-ahead log holds `text` anywhere. */
async function onDisk(databaseUrl: string, text: string): Promise<boolean> {
  const path = databaseUrl.slice('file:'.length);
  const files = await Promise.all([path, `${path}-wal`].map((file) => readFile(file).catch(() => Buffer.alloc(0))));
  return files.some((bytes) => bytes.includes(text));
}
