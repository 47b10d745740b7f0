import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/libsql.node.ts';
import { ensureSampleLetter, SAMPLE_LETTER } from '../../src/db/sample-letter.ts';
import { createStore } from '../../src/db/store.ts';
import { deliverDueMail, MailRejected, type Mailer, type MailMessage } from '../../src/domain/mail.ts';
import { sign } from '../../src/domain/sign.ts';
import type { Store } from '../../src/domain/store.ts';
import { createHmac } from '../../src/domain/tokens.ts';
import { composeMail } from '../../src/mail/messages.ts';

const start = new Date('2026-11-25T12:00:00Z');

/** Two processes' worth of store on one database file, and a clock the test moves. */
describe('mail delivery from the outbox', () => {
  let dir: string;
  let clients: Client[];
  let stores: Store[];
  let clock: Date;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'undersigned-outbox-'));
    const url = `file:${join(dir, 'db.sqlite')}`;
    const opened = [await openDatabase(url), await openDatabase(url)];
    clients = opened.map((o) => o.client);
    stores = opened.map((o) => createStore(o.db));
    await ensureSampleLetter(opened[0]!.db, start);
    clock = start;
  });
  afterEach(async () => {
    for (const client of clients) client.close();
    await rm(dir, { recursive: true, force: true });
  });

  const signers = (n: number) => Array.from({ length: n }, (_, i) => `signer${i}@example.org`);
  const signAll = async (emails: string[]) => {
    const deps = { store: stores[0]!, now: () => clock, emailKey: createHmac('k'.repeat(32)), limits: { take() {} } };
    for (const email of emails) await sign(deps, SAMPLE_LETTER.slug, { name: 'N', email, listed: true });
  };
  const delivery = (store: Store, mailer: Mailer) => ({
    store,
    mailer,
    compose: (job: Parameters<typeof composeMail>[0]) => composeMail(job, 'http://letters.test'),
    now: () => clock,
    retryBaseMs: 1000,
    maxAttempts: 3,
    claimMs: 60_000,
  });
  const backlog = async () => (await clients[0]!.execute('SELECT id, attempts, next_attempt_at, failed_at, payload FROM outbox')).rows;

  it('sends each job once when two workers drain the outbox at the same time', async () => {
    const emails = signers(40);
    await signAll(emails);
    const sent: MailMessage[] = [];
    // A slow mailer, so the two workers' passes overlap.
    const mailer: Mailer = { send: async (m) => void (await new Promise((r) => setTimeout(r, 5)), sent.push(m)) };
    const drain = async (store: Store) => {
      while ((await deliverDueMail(delivery(store, mailer), 7)) > 0);
    };
    await Promise.all([drain(stores[0]!), drain(stores[1]!)]);
    expect(sent.map((m) => m.to).sort()).toEqual([...emails].sort());
    expect(await backlog()).toHaveLength(0);
  });

  it('retries a failed send with exponential backoff, then gives up and drops the tokens', async () => {
    await signAll(signers(1));
    const down: Mailer = { send: async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:25')) };

    expect(await deliverDueMail(delivery(stores[0]!, down))).toBe(1);
    let [job] = await backlog();
    expect(job).toMatchObject({ attempts: 1, failed_at: null, next_attempt_at: start.getTime() + 1000 });
    // Not due yet: nothing is sent early.
    expect(await deliverDueMail(delivery(stores[0]!, down))).toBe(0);

    clock = new Date(start.getTime() + 1000);
    await deliverDueMail(delivery(stores[0]!, down));
    [job] = await backlog();
    expect(job).toMatchObject({ attempts: 2, next_attempt_at: clock.getTime() + 2000 });

    clock = new Date(clock.getTime() + 2000);
    await deliverDueMail(delivery(stores[0]!, down));
    [job] = await backlog();
    expect(job!.attempts).toBe(3);
    expect(job!.failed_at).toBe(clock.getTime());
    expect(job!.payload).toBe('{}');

    clock = new Date(clock.getTime() + 3_600_000);
    expect(await deliverDueMail(delivery(stores[0]!, down))).toBe(0);
  });

  it('gives up at once when the server rejects the message for good', async () => {
    await signAll(signers(1));
    const rejecting: Mailer = { send: async () => Promise.reject(new MailRejected('SMTP 550 for signer0@example.org')) };
    await deliverDueMail(delivery(stores[0]!, rejecting));
    const [job] = await backlog();
    expect(job!.failed_at).not.toBeNull();
    const [error] = (await clients[0]!.execute('SELECT last_error FROM outbox')).rows;
    expect(error!.last_error).toBe('SMTP 550 for [address]');
  });
});
