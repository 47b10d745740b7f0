import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverDueMail } from '../../src/domain/mail.ts';
import { createHttpMailer } from '../../src/mail/http-mailer.ts';
import { outboxFixture, signers } from '../support/outbox-fixture.ts';

interface Received {
  authorization: string | undefined;
  body: { from: string; to: string; subject: string; text: string; html: string; headers: Record<string, string> };
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
        received.push({ authorization: req.headers.authorization, body: JSON.parse(body) });
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

  const mailer = () => createHttpMailer({ url, key: 'api-key', from: 'Letters <no-reply@letters.test>', timeoutMs: 300 });
  const pass = () => deliverDueMail(f.delivery(f.stores[0]!, mailer()));
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

  it('gives up on a 4xx at once and marks the job failed with the reason', async () => {
    await f.signAll(signers(1));
    answers = [422];
    await pass();
    const [job] = await f.backlog();
    expect(job!.failed_at).not.toBeNull();
    expect(job!.last_error).toBe('mail API answered 422: {"error":"no"}');
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
});
