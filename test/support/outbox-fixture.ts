import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import { afterEach, beforeEach } from 'vitest';
import { openDatabase } from '../../src/db/libsql.node.ts';
import { ensureSampleLetter, SAMPLE_LETTER } from '../../src/db/sample-letter.ts';
import { createStore } from '../../src/db/store.ts';
import type { DeliveryDeps, Mailer } from '../../src/domain/mail.ts';
import { sign } from '../../src/domain/sign.ts';
import type { Store } from '../../src/domain/store.ts';
import { createHmac, webHashing } from '../../src/domain/tokens.ts';
import { createMailComposer } from '../../src/mail/messages.ts';

export const START = new Date('2026-11-25T12:00:00Z');

/**
 * For the tests of the enclosing `describe`: a fresh database file with the sample letter, opened
 * by two connections (as two processes would), and a clock the test moves by hand.
 */
export function outboxFixture() {
  const f = {
    clients: [] as Client[],
    closers: [] as (() => Promise<void>)[],
    stores: [] as Store[],
    clock: START,
    async signAll(emails: string[]) {
      const hmac = createHmac(webHashing, 'k'.repeat(32));
      const deps = { store: f.stores[0]!, hashing: webHashing, now: () => f.clock, emailKey: hmac, domainKey: hmac, mailsPerMailbox: 5, limits: { take() {} } };
      for (const email of emails) await sign(deps, SAMPLE_LETTER.slug, { name: 'N', email, listed: true }, 'direct');
    },
    delivery(store: Store, mailer: Mailer): DeliveryDeps {
      return {
        store,
        mailer,
        compose: createMailComposer({ publicUrl: 'http://letters.test', messageIdDomain: 'letters.test' }),
        now: () => f.clock,
        retryBaseMs: 1000,
        claimMs: 60_000,
        sendTimeoutMs: 10_000,
        concurrency: 10,
      };
    },
    async backlog() {
      return (await f.clients[0]!.execute('SELECT id, attempts, next_attempt_at, failed_at, last_error, payload FROM outbox')).rows;
    },
  };
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'undersigned-outbox-'));
    const url = `file:${join(dir, 'db.sqlite')}`;
    const opened = [await openDatabase(url), await openDatabase(url)];
    f.clients = opened.map((o) => o.client);
    f.closers = opened.map((o) => o.close);
    f.stores = opened.map((o) => createStore(o.db, o.batch));
    await ensureSampleLetter(opened[0]!.db, START);
    f.clock = START;
  });
  afterEach(async () => {
    for (const close of f.closers) await close();
    await rm(dir, { recursive: true, force: true });
  });
  return f;
}

export const signers = (n: number) => Array.from({ length: n }, (_, i) => `signer${i}@example.org`);
