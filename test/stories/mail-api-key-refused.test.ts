import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, SLUG, startSite, type Site } from '../support/site.ts';
import { waitFor } from '../support/wait.ts';

const SIGNERS = 30;

interface Mail {
  to: string;
  text: string;
}

// Story: a site on a Resend-shaped mail API with its batch endpoint. The mail service has suspended
// the site's key (a bill unpaid, a key revoked by mistake): every request is answered 401. The
// signers' mails wait, the organizers see why, and once the key works again the mails go, a batch a
// pass, each once.
describe('a mail API that refuses our key', () => {
  let site: Site;
  let api: Server;
  let keyWorks = false;
  const requests: { path: string; status: number }[] = [];
  const delivered: Mail[] = [];

  beforeAll(async () => {
    api = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const status = keyWorks && req.headers.authorization === 'Bearer site-key' ? 200 : 401;
        requests.push({ path: req.url ?? '', status });
        if (status !== 200) return res.writeHead(status, { 'content-type': 'application/json' }).end('{"message":"API key is invalid"}');
        const mails = (req.url === '/emails/batch' ? JSON.parse(body) : [JSON.parse(body)]) as Mail[];
        delivered.push(...mails);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: mails.map((_, i) => ({ id: String(i) })) }));
      });
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(api.address() as { port: number }).port}`;
    site = await startSite({
      env: { MAIL_API_URL: `${url}/emails`, MAIL_API_BATCH_URL: `${url}/emails/batch`, MAIL_API_KEY: 'site-key', MAIL_RETRY_BASE_SECONDS: '0.2' },
    });
  });
  afterAll(async () => {
    await site.close();
    api.closeAllConnections();
    await new Promise((resolve) => api.close(resolve));
  });

  it('keeps the mail while the key is refused, alarms organizers, and sends it in batches once the key works', async () => {
    const emails = Array.from({ length: SIGNERS }, (_, i) => `batched${i}@example.org`);
    const answers = await Promise.all(emails.map((email) => site.signJson({ name: 'Batched', email, listed: true })));
    expect(new Set(answers.map((res) => res.status))).toEqual(new Set([202]));

    await waitFor(async () => (await rows(site, 'SELECT id FROM outbox WHERE attempts >= 2')).length === SIGNERS, 'retried jobs');
    expect(await rows(site, 'SELECT id FROM outbox WHERE failed_at IS NOT NULL')).toHaveLength(0);
    expect(requests.every((r) => r.path === '/emails/batch' || r.path === '/emails')).toBe(true);
    const organizer = { authorization: `Bearer ${await site.organizerToken()}` };
    const health = (await (await site.fetch('/healthz', { headers: organizer })).json()) as { mailAlarm: unknown };
    expect(health.mailAlarm).toEqual({ since: expect.any(String), reason: 'mail API answered 401' });

    keyWorks = true;
    await waitFor(async () => (await rows(site, 'SELECT id FROM outbox')).length === 0, 'an empty outbox', 20_000);
    expect(delivered.map((mail) => mail.to).sort()).toEqual([...emails].sort());
    // Sent through the batch endpoint: fewer requests than mails.
    const accepted = requests.filter((r) => r.status === 200);
    expect(accepted.every((r) => r.path === '/emails/batch')).toBe(true);
    expect(accepted.length).toBeLessThan(SIGNERS);
    expect(delivered[0]!.text).toContain(`/confirm/`);
    expect(((await (await site.fetch('/healthz', { headers: organizer })).json()) as { mailAlarm: unknown }).mailAlarm).toBeNull();

    const letter = (await (await site.admin(await site.organizerToken('Bob'), 'GET', `/letters/${SLUG}`)).json()) as { mail: unknown };
    expect(letter.mail).toMatchObject({ sent: SIGNERS, retrying: 0, refused: 0, lastError: { reason: 'mail API answered 401' } });
  }, 60_000);
});
