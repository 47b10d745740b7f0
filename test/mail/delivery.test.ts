import { describe, expect, it } from 'vitest';
import { deliverDueMail, MailMisconfigured, MailRejected, type Mailer, type MailMessage } from '../../src/domain/mail.ts';
import { CONFIRM_TOKEN_TTL_MS } from '../../src/domain/sign.ts';
import type { Store } from '../../src/domain/store.ts';
import { SAMPLE_LETTER } from '../../src/db/sample-letter.ts';
import { outboxFixture, signers, START as start } from '../support/outbox-fixture.ts';

describe('mail delivery from the outbox', () => {
  const f = outboxFixture();
  const delivery = f.delivery;
  const backlog = f.backlog;

  it('sends each job once when two workers drain the outbox at the same time', async () => {
    const emails = signers(40);
    await f.signAll(emails);
    const sent: MailMessage[] = [];
    // A slow mailer, so the two workers' passes overlap.
    const mailer: Mailer = { send: async (m) => void (await new Promise((r) => setTimeout(r, 5)), sent.push(m)) };
    const drain = async (store: Store) => {
      while ((await deliverDueMail(delivery(store, mailer), 7)) > 0);
    };
    await Promise.all([drain(f.stores[0]!), drain(f.stores[1]!)]);
    expect(sent.map((m) => m.to).sort()).toEqual([...emails].sort());
    expect(await backlog()).toHaveLength(0);
  });

  it('retries a failed send with exponential backoff for as long as its links work, then drops the tokens', async () => {
    await f.signAll(signers(1));
    const down: Mailer = { send: async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:25')) };

    expect(await deliverDueMail(delivery(f.stores[0]!, down))).toBe(1);
    let [job] = await backlog();
    expect(job).toMatchObject({ attempts: 1, failed_at: null, next_attempt_at: start.getTime() + 1000 });
    // Not due yet: nothing is sent early.
    expect(await deliverDueMail(delivery(f.stores[0]!, down))).toBe(0);

    f.clock = new Date(start.getTime() + 1000);
    await deliverDueMail(delivery(f.stores[0]!, down));
    [job] = await backlog();
    expect(job).toMatchObject({ attempts: 2, next_attempt_at: f.clock.getTime() + 2000 });

    // However many attempts it takes, the job waits at most an hour between them, links intact.
    for (let i = 0; i < 20; i++) {
      f.clock = new Date(Number((await backlog())[0]!.next_attempt_at));
      await deliverDueMail(delivery(f.stores[0]!, down));
    }
    [job] = await backlog();
    expect(job).toMatchObject({ attempts: 22, failed_at: null, next_attempt_at: f.clock.getTime() + 3_600_000 });
    expect(job!.payload).toContain('confirmToken');

    // The confirm link expires before the next attempt would come: the job is given up.
    f.clock = new Date(start.getTime() + CONFIRM_TOKEN_TTL_MS - 1000);
    await deliverDueMail(delivery(f.stores[0]!, down));
    [job] = await backlog();
    expect(job!.failed_at).toBe(f.clock.getTime());
    expect(job!.payload).toBe('{}');

    f.clock = new Date(f.clock.getTime() + 3_600_000);
    expect(await deliverDueMail(delivery(f.stores[0]!, down))).toBe(0);
  });

  it('gives up at once when the server rejects the message for good', async () => {
    await f.signAll(signers(1));
    const rejecting: Mailer = { send: async () => Promise.reject(new MailRejected('SMTP 550 for signer0@example.org')) };
    await deliverDueMail(delivery(f.stores[0]!, rejecting));
    const [job] = await backlog();
    expect(job!.failed_at).not.toBeNull();
    const [error] = (await f.clients[0]!.execute('SELECT last_error FROM outbox')).rows;
    expect(error!.last_error).toBe('SMTP 550 for [address]');
  });

  it('retries a send our configuration spoils, raises the alarm, and clears it when a mail goes', async () => {
    await f.signAll(signers(2));
    const misconfigured: Mailer = { send: async () => Promise.reject(new MailMisconfigured('SMTP 535 on AUTH PLAIN')) };
    await deliverDueMail(delivery(f.stores[0]!, misconfigured));
    expect(await backlog()).toMatchObject([
      { attempts: 1, failed_at: null },
      { attempts: 1, failed_at: null },
    ]);
    // The other connection, as the web process would: the alarm is in the database.
    expect(await f.stores[1]!.mailAlarm()).toEqual({ since: start, reason: 'SMTP 535 on AUTH PLAIN' });

    f.clock = new Date(start.getTime() + 1000);
    const sent: MailMessage[] = [];
    await deliverDueMail(delivery(f.stores[0]!, { send: async (m) => void sent.push(m) }));
    expect(sent).toHaveLength(2);
    expect(await f.stores[1]!.mailAlarm()).toBeUndefined();
  });

  it("counts a letter's mail: sent, retrying, refused, and the last error without addresses", async () => {
    await f.signAll(signers(3));
    const letterId = (await f.stores[0]!.letterBySlug(SAMPLE_LETTER.slug))!.id;
    const mixed: Mailer = {
      send: async (m) => {
        if (m.to === 'signer1@example.org') throw new MailRejected(`SMTP 550 on RCPT TO <${m.to}>`);
        if (m.to === 'signer2@example.org') throw new Error(`connect ECONNRESET: ${m.to}`);
      },
    };
    await deliverDueMail(delivery(f.stores[0]!, mixed));
    const { lastError, ...counts } = await f.stores[1]!.mailDelivery(letterId);
    expect(counts).toEqual({ sent: 1, retrying: 1, refused: 1 });
    expect(lastError!.at).toEqual(start);
    expect(lastError!.reason).toMatch(/^(SMTP 550 on RCPT TO <\[address\]>|connect ECONNRESET)$/);

    f.clock = new Date(start.getTime() + 1000);
    await deliverDueMail(delivery(f.stores[0]!, { send: async () => {} }));
    expect(await f.stores[1]!.mailDelivery(letterId)).toMatchObject({ sent: 2, retrying: 0, refused: 1 });
  });

  it('renews its claim before a send that would outlast it, and leaves a job another sender took', async () => {
    await f.signAll(signers(4));
    const sent: { to: string; at: number }[] = [];
    // Each send takes 35 of the claim's 60 seconds, and needs 20 of them left.
    const slow: Mailer = {
      send: async (m) => {
        sent.push({ to: m.to, at: f.clock.getTime() - start.getTime() });
        if (m.to === 'signer0@example.org') {
          // Meanwhile another sender took signer3's job, as if our claim on it had passed.
          await f.clients[1]!.execute({ sql: 'UPDATE outbox SET claimed_until = ? WHERE id = 4', args: [start.getTime() + 999_000] });
        }
        f.clock = new Date(f.clock.getTime() + 35_000);
      },
    };
    await deliverDueMail({ ...delivery(f.stores[0]!, slow), sendTimeoutMs: 20_000, concurrency: 1 });
    // signer2's job was sent after the first claim (60 s) had passed: under the renewed one.
    expect(sent).toEqual([
      { to: 'signer0@example.org', at: 0 },
      { to: 'signer1@example.org', at: 35_000 },
      { to: 'signer2@example.org', at: 70_000 },
    ]);
    expect(await backlog()).toMatchObject([{ id: 4, attempts: 1, failed_at: null }]);
  });
});
