import { describe, expect, it } from 'vitest';
import { deliverDueMail, MailRejected, type Mailer, type MailMessage } from '../../src/domain/mail.ts';
import { CONFIRM_TOKEN_TTL_MS } from '../../src/domain/sign.ts';
import type { Store } from '../../src/domain/store.ts';
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
});
