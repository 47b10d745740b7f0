import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkTokenKey, newLinkToken } from '../../src/domain/tokens.ts';
import { nodeHashing } from '../../src/node-hashing.node.ts';
import { MIGRATIONS_DIR } from '../../src/paths.node.ts';
import { startMailSink, type MailSink } from '../support/smtp.ts';
import { rows, startSite, type Site } from '../support/site.ts';
import { waitFor } from '../support/wait.ts';

/** The last migration before the confirm link, its token and letters' status were renamed. */
const BEFORE_RENAME = '0010_public-search';

// Story: Ola signs the evening before the site is upgraded; her mail is still queued when it goes
// down. After the upgrade the mail goes out, and the link in it, like the /verify/ links in mails
// sent before, confirms her signature.
describe('an upgrade across the rename of the confirm link', () => {
  let dir: string;
  let mail: MailSink;
  let site: Site;
  const confirmToken = newLinkToken(new Date());

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'undersigned-upgrade-'));
    const before = join(dir, 'drizzle');
    await cp(MIGRATIONS_DIR, before, { recursive: true });
    const journalPath = join(before, 'meta', '_journal.json');
    const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: { idx: number; tag: string }[] };
    const last = journal.entries.findIndex((entry) => entry.tag === BEFORE_RENAME);
    await writeFile(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, last + 1) }));

    const databaseUrl = `file:${join(dir, 'undersigned.db')}`;
    const client = createClient({ url: databaseUrl });
    await migrate(drizzle(client), { migrationsFolder: before });
    const now = Date.now();
    const confirmHash = await linkTokenKey(nodeHashing, confirmToken);
    const withdrawToken = newLinkToken(new Date());
    await client.batch([
      {
        sql: `INSERT INTO letters (slug, title, body, lang, state, signature_count, count_updated_at, created_at, updated_at)
              VALUES ('before-the-upgrade', 'Before the upgrade', 'Text', 'en', 'open', 0, ?1, ?1, ?1)`,
        args: [now],
      },
      {
        sql: `INSERT INTO signatures (letter_id, status, name, email, email_key, listed, lang, mail_window_start, mail_window_count, created_at)
              VALUES (1, 'pending', 'Ola Nowak', 'ola@example.org', 'key-of-ola', 1, 'en', ?1, 1, ?1)`,
        args: [now],
      },
      {
        sql: `INSERT INTO tokens (hash, signature_id, purpose, expires_at, name, listed, lang) VALUES (?1, 1, 'verify', ?2, 'Ola Nowak', 1, 'en'),
              (?3, 1, 'withdraw', NULL, NULL, NULL, NULL)`,
        args: [confirmHash, now + 24 * 60 * 60 * 1000, await linkTokenKey(nodeHashing, withdrawToken)],
      },
      {
        sql: `INSERT INTO outbox (signature_id, payload, attempts, next_attempt_at, created_at, verify_token_hash) VALUES (1, ?1, 0, ?2, ?2, ?3)`,
        args: [JSON.stringify({ verifyToken: confirmToken, withdrawToken }), now, confirmHash],
      },
    ]);
    client.close();

    mail = await startMailSink();
    site = await startSite({ mail, databaseUrl });
  });

  afterAll(async () => {
    await site.close();
    await mail.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends the queued mail with the confirm link it was queued with', async () => {
    const [message] = await mail.mailTo('ola@example.org');
    expect(message!.subject).toBe('Confirm your signature: Before the upgrade');
    expect(message!.text).toContain(`/confirm/${confirmToken}`);
    expect(message!.text).toContain('Ola Nowak');
    // The job leaves the outbox once the mail server has taken the mail, a moment after the sink has it.
    await waitFor(async () => (await rows(site, 'SELECT id FROM outbox')).length === 0, 'the sent job to leave the outbox');
  });

  it('confirms through the link in a mail sent before the upgrade', async () => {
    expect(await (await site.fetch(`/verify/${confirmToken}`)).text()).toContain('Confirm my signature');
    const confirmed = await site.fetch(`/verify/${confirmToken}`, { method: 'POST' });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('You are signatory #1');
    expect(await site.count('before-the-upgrade')).toBe(1);
    expect(await rows(site, "SELECT status FROM letters WHERE slug = 'before-the-upgrade'")).toEqual([expect.objectContaining({ status: 'open' })]);
  });
});
