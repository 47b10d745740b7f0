import { createExecutionContext, createScheduledController, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';
import worker from '../../src/worker.ts';

// The same story as on Node, against the Worker with D1: the mail goes to an HTTP mail API, which
// this test stands in for by catching the Worker's outgoing requests (tests share its isolate).
interface SentMail {
  to: string;
  subject: string;
  text: string;
}
const sent: SentMail[] = [];
let mailApiStatus = 200;
const TOKEN = 'organizer-token-for-the-worker-test-0123456';
const SLUG = 'worker-letter';
const site = (path: string, init?: RequestInit) => SELF.fetch(`http://letters.test${path}`, { redirect: 'manual', ...init });
const admin = (path: string, init: RequestInit = {}) =>
  site(`/api/admin${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } });
const sign = (email: string, name = 'Worker Signer') =>
  site(`/api/letters/${SLUG}/signatures`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, email, listed: true }),
  });
const count = async () => ((await (await site(`/api/letters/${SLUG}/count`)).json()) as { count: number }).count;
async function mailTo(email: string, n = 1): Promise<SentMail[]> {
  for (let i = 0; i < 100; i++) {
    const mails = sent.filter((m) => m.to === email);
    if (mails.length >= n) return mails;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no mail to ${email}`);
}
/** An open letter of a test's own, so the other tests' counts stay as they are. */
async function addLetter(slug: string, title: string) {
  const now = Date.now();
  await env.DB.prepare(
    `INSERT INTO letters (slug, title, body, lang, status, signature_count, count_updated_at, created_at, updated_at)
     VALUES (?1, ?2, 'Text', 'en', 'open', 0, ?3, ?3, ?3)`,
  )
    .bind(slug, title, now)
    .run();
}
const link = (mail: SentMail, kind: string) => mail.text.match(new RegExp(`http://letters\\.test(/${kind}/[A-Za-z0-9_-]+)`))![1]!;

beforeAll(async () => {
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith('https://mail.test/')) return new Response('no network in tests', { status: 502 });
    const headers = new Headers(init?.headers);
    expect(headers.get('authorization')).toBe('Bearer test-key');
    if (mailApiStatus === 200) sent.push(JSON.parse(String(init?.body)) as SentMail);
    return new Response('{}', { status: mailApiStatus });
  });
  const hash = [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(TOKEN)))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
  await env.DB.prepare('INSERT INTO organizers (name, token_hash, created_at) VALUES (?, ?, ?)').bind('Alice', hash, Date.now()).run();
  const created = await admin('/letters', {
    method: 'POST',
    body: JSON.stringify({ slug: SLUG, title: 'A letter on the edge', body: 'We **sign**.', status: 'open' }),
  });
  expect(created.status).toBe(201);
});

describe('the Worker with D1', () => {
  it('takes a signing, sends the confirmation through the mail API, and confirms on the button', async () => {
    expect((await sign('Edge.Signer+w@gmail.com')).status).toBe(202);
    const [mail] = await mailTo('Edge.Signer+w@gmail.com');
    expect(mail!.subject).toBe('Confirm your signature: A letter on the edge');

    // The same person again, in other spellings: one signature.
    expect((await sign('edgesigner@googlemail.com')).status).toBe(202);
    expect((await sign('EDGESIGNER@GMAIL.COM')).status).toBe(202);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM signatures WHERE name = 'Worker Signer'").first<{ n: number }>();
    expect(rows!.n).toBe(1);

    const verify = link(mail!, 'confirm');
    expect(await (await site(verify)).text()).toContain('Confirm my signature');
    expect(await count()).toBe(0);
    expect(await (await site(verify, { method: 'POST' })).text()).toContain('You are signatory #1');
    expect(await (await site(verify, { method: 'POST' })).text()).toContain('Already confirmed');
    expect(await count()).toBe(1);
  });

  it('serves the count, badge and shields.json with cache headers and ETags', async () => {
    for (const path of [`/api/letters/${SLUG}/count`, `/badge/${SLUG}.svg`, `/api/letters/${SLUG}/shields.json`]) {
      const res = await site(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=10, stale-while-revalidate=60');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      const again = await site(path, { headers: { 'if-none-match': res.headers.get('etag')! } });
      expect(again.status).toBe(304);
    }
    expect(await (await site(`/badge/${SLUG}.svg`)).text()).toContain('<title>signatures: 1</title>');
    expect(await (await site(`/api/letters/${SLUG}/shields.json`)).json()).toEqual({
      schemaVersion: 1,
      label: 'signatures',
      message: '1',
      color: 'blue',
    });
  });

  it('draws the letter’s QR code on Workers too', async () => {
    const res = await site(`/l/${SLUG}/qr.svg?download=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${SLUG}-qr.svg"`);
    expect(await res.text()).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+">/);
  });

  it('offers no stream on Workers: the page script polls the count instead', async () => {
    const page = await (await site(`/l/${SLUG}`)).text();
    expect(page).toContain(`data-count-url="/api/letters/${SLUG}/count?locale=en"`);
    expect(page).not.toContain('data-stream-url');
    expect((await site(`/api/letters/${SLUG}/count/stream`)).status).toBe(404);
  });

  it('pages through the public list and its search on D1', async () => {
    await addLetter('edge-list', 'A long list');
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
       INSERT INTO signatures (letter_id, status, name, organisation, listed, lang, mail_window_start, created_at, verified_at)
       SELECT (SELECT id FROM letters WHERE slug = 'edge-list'), 'verified', 'Edge ' || i, CASE WHEN i % 2 = 0 THEN 'Even Org' END,
              1, 'en', 0, i, i FROM n`,
    ).run();
    type Page = { signatures: { name: string }[]; next: string | null };
    const list = async (query: string) => (await (await site(`/api/letters/edge-list/signatures?${query}`)).json()) as Page;
    const first = await list('');
    expect(first.signatures).toHaveLength(50);
    const rest = await list(`cursor=${encodeURIComponent(first.next!)}`);
    expect(rest.signatures).toHaveLength(10);
    expect(rest.next).toBeNull();
    // Searched, in both shapes of statement (first page, and after a cursor).
    const found = await list('q=even');
    expect(found.signatures).toHaveLength(30);
    const searched = await list('q=edge');
    expect(searched.signatures).toHaveLength(50);
    const searchedRest = await list(`q=edge&cursor=${encodeURIComponent(searched.next!)}`);
    expect(searchedRest.signatures).toHaveLength(10);
  });

  it('searches by a part of a name in any case through the trigram index on D1, never a hidden one', async () => {
    await addLetter('edge-search', 'A searched list');
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2100)
       INSERT INTO signatures (letter_id, status, name, listed, hidden, lang, mail_window_start, created_at, verified_at)
       SELECT (SELECT id FROM letters WHERE slug = 'edge-search'), 'verified', 'Ялінка ' || i, 1, i = 7, 'en', 0, i, i FROM n`,
    ).run();
    type Page = { signatures: { name: string }[]; next: string | null };
    const list = async (query: string) => (await (await site(`/api/letters/edge-search/signatures?${query}`)).json()) as Page;
    // More matches than the index hands over to be sorted: the list's own order is walked.
    const many = await list(`q=${encodeURIComponent('ЯЛІН')}`);
    expect(many.signatures.map((s) => s.name).slice(0, 2)).toEqual(['Ялінка 2100', 'Ялінка 2099']);
    const more = await list(`q=${encodeURIComponent('ЯЛІН')}&cursor=${encodeURIComponent(many.next!)}`);
    expect(more.signatures[0]!.name).toBe('Ялінка 2050');
    expect((await list(`q=${encodeURIComponent('лінка 77')}`)).signatures.map((s) => s.name).sort()).toEqual(
      ['Ялінка 77', 'Ялінка 770', 'Ялінка 771', 'Ялінка 772', 'Ялінка 773', 'Ялінка 774', 'Ялінка 775', 'Ялінка 776', 'Ялінка 777', 'Ялінка 778', 'Ялінка 779'].sort(),
    );
    expect((await list(`q=${encodeURIComponent('Ялінка 7')}`)).signatures.map((s) => s.name)).not.toContain('Ялінка 7');
    expect((await list(`q=${encodeURIComponent('NEAR("x" *')}`)).signatures).toEqual([]);
  });

  it('takes signings sent at the same moment, each its own row with its own mail', async () => {
    await addLetter('edge-crowd', 'A crowd at once');
    const emails = Array.from({ length: 12 }, (_, i) => `crowd${i}@example.org`);
    const answers = await Promise.all(
      emails.map((email) =>
        site('/api/letters/edge-crowd/signatures', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'Crowd', email, listed: true }),
        }),
      ),
    );
    expect(answers.map((res) => res.status)).toEqual(emails.map(() => 202));
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM signatures WHERE name = 'Crowd'").first<{ n: number }>();
    expect(rows!.n).toBe(emails.length);
    for (const email of emails) expect((await mailTo(email))[0]!.subject).toBe('Confirm your signature: A crowd at once');
    // Readers arriving together share the letter's read: each still gets its answer.
    const reads = await Promise.all(
      ['/api/letters/edge-crowd/count', '/l/edge-crowd', '/badge/edge-crowd.svg'].flatMap((path) => Array.from({ length: 4 }, () => site(path))),
    );
    expect(reads.map((res) => res.status)).toEqual(reads.map(() => 200));
  });

  it('exports the list for organizers', async () => {
    const res = await admin(`/letters/${SLUG}/export.csv`);
    expect(res.status).toBe(200);
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,number,status,name,title,organisation,city,listed,listed_from,verified_domain,notable,notable_note,lang,signed_at,confirmed_at');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',1,verified,Worker Signer,');
    expect(lines[1]).not.toContain('@');
  });

  it('prints the edition for a signed-in organizer, and answers a PDF with where to print instead (no PDF library here)', async () => {
    const cookies = new Map<string, string>();
    const browse = async (path: string, init: RequestInit = {}) => {
      const cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const res = await site(path, { ...init, headers: { ...(init.headers as Record<string, string>), ...(cookie && { cookie }) } });
      for (const header of res.headers.getAll('set-cookie')) {
        const [name = '', value = ''] = header.split(';')[0]!.split('=');
        cookies.set(name, value);
      }
      return res;
    };
    const login = await (await browse('/admin')).text();
    const csrf = login.match(/name="csrf" value="([^"]+)"/)![1]!;
    expect((await browse('/admin/login', { method: 'POST', body: new URLSearchParams({ csrf, token: TOKEN }) })).status).toBe(303);

    const page = await browse(`/admin/letters/${SLUG}/edition`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Worker Signer');
    const pdf = await browse(`/admin/letters/${SLUG}/edition.pdf?lang=en`);
    expect(pdf.status).toBe(501);
    const text = await pdf.text();
    expect(text).toContain('the PDF is made only by the Node server');
    expect(text).toContain(`href="/admin/letters/${SLUG}/edition?lang=en"`);
  });

  it('withdraws, erasing the details and lowering the count', async () => {
    const indexed = () => env.DB.prepare(`SELECT count(*) AS n FROM signatures_search WHERE signatures_search MATCH '"Worker Signer"'`).first();
    expect(await indexed()).toEqual({ n: 1 });
    const [mail] = await mailTo('Edge.Signer+w@gmail.com');
    expect(await (await site(link(mail!, 'withdraw'), { method: 'POST' })).text()).toContain('withdrawn');
    expect(await count()).toBe(0);
    const row = await env.DB.prepare("SELECT name, email FROM signatures WHERE status = 'withdrawn'").first();
    expect(row).toEqual({ name: null, email: null });
    // Nothing of the name is left in the search index either.
    expect(await indexed()).toEqual({ n: 0 });
  });

  it('keeps mail the API refused for a while, and sends it from the cron trigger', async () => {
    mailApiStatus = 503;
    expect((await sign('later@example.org', 'Later')).status).toBe(202);
    let job: { attempts: number; last_error: string } | null = null;
    for (let i = 0; i < 100 && !job?.attempts; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      job = await env.DB.prepare('SELECT attempts, last_error FROM outbox').first();
    }
    expect(job).toMatchObject({ attempts: 1, last_error: 'mail API answered 503: {}' });
    mailApiStatus = 200;
    await env.DB.prepare('UPDATE outbox SET next_attempt_at = 0').run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '* * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    const [mail] = await mailTo('later@example.org');
    expect(mail!.subject).toContain('Confirm your signature');
    expect((await env.DB.prepare('SELECT count(*) AS n FROM outbox').first<{ n: number }>())!.n).toBe(0);
  });

  it('asks for a proof of work where the organizer turned it on, and takes a solved challenge once', async () => {
    await addLetter('guarded', 'A guarded letter');
    await env.DB.prepare("UPDATE letters SET proof_of_work = 1 WHERE slug = 'guarded'").run();
    const signGuarded = (email: string, altcha?: string) =>
      site('/api/letters/guarded/signatures', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Guarded', email, listed: false, ...(altcha && { altcha }) }),
      });
    expect((await signGuarded('guarded@example.org')).status).toBe(400);
    const challenge = (await (await site('/api/letters/guarded/challenge')).json()) as Challenge;
    const solution = await solveChallenge({ challenge, deriveKey });
    const altcha = btoa(JSON.stringify({ challenge, solution }));
    expect((await signGuarded('guarded@example.org', altcha)).status).toBe(202);
    expect((await signGuarded('again@example.org', altcha)).status).toBe(400);
  });

  it('shows a letter’s organisers and deadline in the reader’s language, and closes it at the deadline', async () => {
    const deadline = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000 + 60_000);
    const created = await admin('/letters', {
      method: 'POST',
      body: JSON.stringify({
        slug: 'dated',
        title: 'A dated letter',
        body: 'Text',
        status: 'open',
        organisedBy: 'Сябры бібліятэкі',
        publishedOn: '2026-03-25',
        deadline: deadline.toISOString(),
      }),
    });
    expect(created.status).toBe(201);
    const page = await (await site('/l/dated?lang=be')).text();
    expect(page).toContain('<dt>Арганізатары</dt><dd>Сябры бібліятэкі</dd>');
    // Workers carry no Belarusian date names: the date is in numbers, not in English.
    expect(page).toContain('<time datetime="2026-03-25">25.03.2026</time>');
    expect(page).not.toMatch(/March|December|January|February/);
    expect(page).toContain('збор подпісаў скончыцца праз 2 дні');
    await admin('/letters/dated', { method: 'PATCH', body: JSON.stringify({ deadline: new Date(Date.now() - 1000).toISOString() }) });
    const late = await site('/api/letters/dated/signatures', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Late', email: 'late@example.org', listed: false }),
    });
    expect(late.status).toBe(409);
    expect(await (await site('/l/dated?lang=be')).text()).toContain('<dt>Збор подпісаў скончыўся</dt>');
  });

  it('releases a name waiting for a threshold from the cron trigger, once distinct domains reach it', async () => {
    await addLetter('waiting-room', 'A letter with a threshold');
    await env.DB.prepare("UPDATE letters SET list_thresholds = '[2]', list_delay_hours = 0 WHERE slug = 'waiting-room'").run();
    const addSigner = (name: string, domainKey: string, threshold: number | null) =>
      env.DB.prepare(
        `INSERT INTO signatures (letter_id, status, name, listed, list_threshold, domain_key, lang, mail_window_start, created_at, verified_at)
         VALUES ((SELECT id FROM letters WHERE slug = 'waiting-room'), 'verified', ?1, 1, ?2, ?3, 'en', 0, 0, 0)`,
      )
        .bind(name, threshold, domainKey)
        .run();
    const listed = async () => (await (await site('/api/letters/waiting-room/signatures')).text()).includes('Waiting Name');
    const cron = async () => {
      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController({ cron: '* * * * *' }), env, ctx);
      await waitOnExecutionContext(ctx);
    };
    await addSigner('Waiting Name', 'domain-a', 2);
    await addSigner('Same Domain', 'domain-a', null);
    await cron();
    expect(await listed()).toBe(false);
    await addSigner('Other Domain', 'domain-b', null);
    await cron();
    expect(await listed()).toBe(true);
  });
});
