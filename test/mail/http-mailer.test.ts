import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverDueMail } from '../../src/domain/mail.ts';
import { createHttpMailer } from '../../src/mail/http-mailer.ts';
import { outboxFixture, signers } from '../support/outbox-fixture.ts';

interface Message {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

interface Received {
  path: string | undefined;
  authorization: string | undefined;
  body: Message & { headers: Record<string, string> };
}

// The mail API a Worker sends through, played by a real HTTP server on 127.0.0.1 that answers as told.
describe('the mail API transport', () => {
  const f = outboxFixture();
  let server: Server;
  let url = '';
  const received: Received[] = [];
  let answers: (number | 'hang')[] = [];
  beforeEach(async () => {
    received.length = 0;
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const answer = answers.shift() ?? 200;
        received.push({ path: req.url, authorization: req.headers.authorization, body: JSON.parse(body) });
        if (answer === 'hang') return; // never answers: the mailer's timeout must end the wait
        res.writeHead(answer, { 'content-type': 'application/json' }).end(answer < 300 ? '{"id":"1"}' : '{"error":"no"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/emails`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const mailer = (batch = false) =>
    createHttpMailer({ url, ...(batch && { batchUrl: `${url}/batch` }), key: 'api-key', from: 'Letters <no-reply@letters.test>', timeoutMs: 300 });
  const pass = (batch = false) => deliverDueMail(f.delivery(f.stores[0]!, mailer(batch)));
  const later = (ms: number) => (f.clock = new Date(f.clock.getTime() + ms));

  it('posts the message as JSON with the key, and sends it once', async () => {
    await f.signAll(signers(1));
    expect(await pass()).toBe(1);
    expect(received).toHaveLength(1);
    expect(received[0]!.authorization).toBe('Bearer api-key');
    expect(received[0]!.body).toMatchObject({
      from: 'Letters <no-reply@letters.test>',
      to: 'signer0@example.org',
      subject: 'Confirm your signature: Code does not grow in fear',
      headers: { 'Message-ID': expect.stringMatching(/^<[0-9a-f-]{36}@letters\.test>$/), 'Auto-Submitted': 'auto-generated' },
    });
    expect(received[0]!.body.text).toContain('http://letters.test/confirm/');
    expect(received[0]!.body.html).toContain('Confirm your signature');
    later(3_600_000);
    expect(await pass()).toBe(0);
    expect(received).toHaveLength(1);
    expect(await f.backlog()).toEqual([]);
  });

  it('retries a 5xx and a timeout with backoff, then sends once', async () => {
    await f.signAll(signers(1));
    answers = [503, 'hang', 200];
    await pass();
    expect(await f.backlog()).toMatchObject([{ attempts: 1, last_error: expect.stringContaining('503') }]);
    expect(await pass()).toBe(0); // not due before its backoff
    later(1000);
    await pass();
    expect(await f.backlog()).toMatchObject([{ attempts: 2, last_error: expect.stringMatching(/unreachable|abort|timeout/i) }]);
    later(2000);
    await pass();
    expect(await f.backlog()).toEqual([]);
    expect(received).toHaveLength(3);
    later(3_600_000);
    await pass();
    expect(received).toHaveLength(3);
  });

  it('gives up at once on a 422 (the API refuses that message) and marks the job failed with the reason', async () => {
    await f.signAll(signers(1));
    answers = [422];
    await pass();
    const [job] = await f.backlog();
    expect(job!.failed_at).not.toBeNull();
    // Not the body: it may quote the message.
    expect(job!.last_error).toBe('mail API answered 422');
    expect(job!.payload).toBe('{}');
    later(3_600_000);
    expect(await pass()).toBe(0);
    expect(received).toHaveLength(1);
  });

  it('takes 429 as "later", not as a refusal', async () => {
    await f.signAll(signers(1));
    answers = [429];
    await pass();
    expect(await f.backlog()).toMatchObject([{ attempts: 1, failed_at: null }]);
  });

  it('retries a refused key (401) like an outage, with the alarm raised, and sends once the key works', async () => {
    await f.signAll(signers(1));
    answers = [401, 200];
    await pass();
    expect(await f.backlog()).toMatchObject([{ attempts: 1, failed_at: null, last_error: 'mail API answered 401' }]);
    expect(await f.stores[1]!.mailAlarm()).toMatchObject({ reason: 'mail API answered 401' });
    later(1000);
    await pass();
    expect(await f.backlog()).toEqual([]);
    expect(await f.stores[1]!.mailAlarm()).toBeUndefined();
    expect(received).toHaveLength(2);
  });

  it('sends a pass through the batch endpoint, a hundred mails a request', async () => {
    const emails = signers(150);
    await f.signAll(emails);
    await pass(true);
    expect(received.map((r) => [r.path, (r.body as unknown as Message[]).length])).toEqual([
      ['/emails/batch', 100],
      ['/emails/batch', 50],
    ]);
    const batched = received.flatMap((r) => r.body as unknown as Message[]);
    expect(batched.map((m) => m.to).sort()).toEqual([...emails].sort());
    expect(batched[0]).toMatchObject({ from: 'Letters <no-reply@letters.test>', subject: expect.stringContaining('Confirm') });
    expect(await f.backlog()).toEqual([]);
  });

  it('sends the mails of a batch refused for one bad message (422) one by one, so the others go', async () => {
    await f.signAll(signers(3));
    answers = [422, 200, 422, 200];
    await pass(true);
    expect(received.map((r) => r.path)).toEqual(['/emails/batch', '/emails', '/emails', '/emails']);
    expect(await f.backlog()).toMatchObject([{ failed_at: expect.any(Number), last_error: expect.stringContaining('422') }]);
  });

  it('retries a whole batch the API cannot take now (503), with each of its links', async () => {
    await f.signAll(signers(2));
    answers = [503];
    await pass(true);
    expect(await f.backlog()).toMatchObject([
      { attempts: 1, failed_at: null },
      { attempts: 1, failed_at: null },
    ]);
    later(1000);
    await pass(true);
    expect(await f.backlog()).toEqual([]);
  });
});
