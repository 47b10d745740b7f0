import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linkPath, startMailSink } from '../support/smtp.ts';
import { rows, startSite } from '../support/site.ts';

// Story: Pavel signed, then withdrew. A year later the server is seized with its database, which
// holds the site's secret too: whoever has it can compute the keyed hash of any address they suspect
// and look for it, or of any employer's domain. Nothing of Pavel's address may be left to find, a day
// after he withdrew.
describe('a withdrawn signer, once the server is seized', () => {
  it('leaves no keyed hash of the address or of its domain behind once the mail allowance’s day is over', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'undersigned-seized-'));
    const databaseUrl = `file:${join(dir, 'site.db')}`;
    const mail = await startMailSink();
    try {
      let site = await startSite({ mail, databaseUrl });
      expect((await site.signJson({ name: 'Pavel', email: 'pavel@company.by', listed: false })).status).toBe(202);
      const [message] = await mail.mailTo('pavel@company.by');
      expect((await site.fetch(linkPath(message!, 'confirm'), { method: 'POST' })).status).toBe(200);
      const [{ email_key: key, domain_key: domainKey }] = (await rows(
        site,
        "SELECT email_key, domain_key FROM signatures WHERE email = 'pavel@company.by'",
      )) as unknown as [{ email_key: string; domain_key: string }];
      expect(domainKey).toBeTruthy();
      expect((await site.fetch(linkPath(message!, 'withdraw'), { method: 'POST' })).status).toBe(200);
      // A day passes; the purge runs when the server starts, and every hour after.
      await site.db.execute({ sql: 'UPDATE mail_allowances SET window_start = window_start - 25 * 3600 * 1000', args: [] });
      await site.close();
      site = await startSite({ mail, databaseUrl });
      try {
        const tables = (await rows(site, "SELECT name FROM sqlite_master WHERE type = 'table'")).map((row) => String(row.name));
        for (const table of tables) {
          const columns = (await rows(site, `SELECT name FROM pragma_table_info('${table}')`)).map((row) => String(row.name));
          for (const column of columns) {
            for (const hash of [key, domainKey]) {
              expect(await rows(site, `SELECT 1 FROM "${table}" WHERE "${column}" = ?`, [hash]), `${table}.${column}`).toEqual([]);
            }
          }
        }
      } finally {
        await site.close();
      }
    } finally {
      await mail.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
