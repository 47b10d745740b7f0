import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { describe, expect, it } from 'vitest';
import { runCli, startCliProcess } from '../support/cli.ts';
import { serverEnv, startServerProcess } from '../support/server-process.ts';
import { startMailSink } from '../support/smtp.ts';
import { SLUG } from '../support/site.ts';
import { waitFor } from '../support/wait.ts';

const sign = (url: string, email: string) =>
  fetch(`${url}/api/letters/${SLUG}/signatures`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Mailer Story', email, listed: true }),
  }).then((res) => expect(res.status).toBe(202));

// Story: the operator keeps mail off the web process's back: MAIL_SENDER=off there, `undersigned
// mailer` in a process of its own.
describe('a web process without a mail sender, and undersigned mailer', () => {
  it('leaves the mail to the mailer process, which sends it and finishes its pass when stopped', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'undersigned-mailer-'));
    const mail = await startMailSink();
    const databaseUrl = `file:${join(dir, 'site.db')}`;
    const env = serverEnv(databaseUrl, mail.port, { MAIL_SENDER: 'off' });
    const web = startServerProcess(env);
    const db = createClient({ url: databaseUrl });
    const outbox = async () => (await db.execute('SELECT id FROM outbox')).rows.length;
    let mailer: ReturnType<typeof startCliProcess> | undefined;
    try {
      const url = await web.listening;
      await sign(url, 'first@example.org');
      // Longer than the web process's own sender would wait to send it.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(mail.messages).toHaveLength(0);
      expect(await outbox()).toBe(1);

      // A mailer without a mail server to send to would only log the mail: it refuses, and the job stays.
      const { SMTP_URL: _, ...withoutMail } = env;
      const refused = await runCli(['mailer'], withoutMail);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('set SMTP_URL or MAIL_API_URL');
      expect(await outbox()).toBe(1);

      mailer = startCliProcess(['mailer'], env);
      await mail.mailTo('first@example.org');
      await waitFor(async () => (await outbox()) === 0, 'an empty outbox');

      // Stopped while it sends: the pass in flight ends, and no job is left claimed by a dead process.
      await Promise.all(Array.from({ length: 20 }, (_, i) => sign(url, `later${i}@example.org`)));
      await waitFor(() => mail.messages.length >= 2, 'the mailer sending again');
      mailer.child.kill('SIGTERM');
      expect(await mailer.exited).toBe(0);
      expect(mailer.output()).toContain('The mailer has stopped');
      const claimed = await db.execute({ sql: 'SELECT id FROM outbox WHERE claimed_until > ?', args: [Date.now()] });
      expect(claimed.rows).toHaveLength(0);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(mail.messages.length + (await outbox())).toBe(21);
      expect(web.output()).not.toMatch(/mail (batch )?sent/);
    } finally {
      if (mailer && mailer.child.exitCode === null) mailer.child.kill('SIGKILL');
      web.child.kill('SIGTERM');
      await web.exited;
      db.close();
      await mail.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
