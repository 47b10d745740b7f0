import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { serverEnv, startServerProcess } from '../support/server-process.ts';
import { linkPath, startMailSink } from '../support/smtp.ts';
import { SLUG } from '../support/site.ts';
import { waitFor } from '../support/wait.ts';

const WORKERS = 16;

// Story: the machine dies in the middle of the viral hour. Whatever the site said yes to survives.
describe('a crash mid-run', () => {
  it('loses no answered signing or confirmation when the server is killed with SIGKILL', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'undersigned-crash-'));
    const mail = await startMailSink();
    const databaseUrl = `file:${join(dir, 'site.db')}`;
    const env = serverEnv(databaseUrl, mail.port, { MAIL_CLAIM_SECONDS: '1', MAIL_RETRY_BASE_SECONDS: '0.2' });
    const signed = new Set<string>();
    const confirmed = new Set<string>();
    let first = startServerProcess(env);
    try {
      const url = await first.listening;
      let next = 0;
      let stop = false;
      const worker = async () => {
        while (!stop) {
          const email = `crash${next++}@example.org`;
          try {
            const res = await fetch(`${url}/api/letters/${SLUG}/signatures`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ name: 'Crash Test', email, listed: true }),
            });
            if (res.status === 202) signed.add(email);
            // Confirm whatever mail has arrived for someone not yet confirmed.
            const message = mail.messages.find((m) => {
              const to = (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address ?? '';
              return !confirmed.has(to) && !m.subject?.startsWith('You have already');
            });
            if (message) {
              const to = (Array.isArray(message.to) ? message.to[0] : message.to)!.value[0]!.address!;
              const page = await fetch(`${url}${linkPath(message, 'confirm')}`, { method: 'POST' });
              const text = await page.text();
              if (page.status === 200 && /Thank you for signing|Already confirmed/.test(text)) confirmed.add(to);
            }
          } catch {
            // the server is gone: requests in flight have no answer, and are not counted
          }
        }
      };
      const running = Array.from({ length: WORKERS }, worker);
      await waitFor(() => signed.size >= 300 && confirmed.size >= 30, 'enough answered requests', 20_000);
      first.child.kill('SIGKILL');
      await first.exited;
      stop = true;
      await Promise.all(running);

      first = startServerProcess(env);
      await first.listening;
      const db = createClient({ url: databaseUrl });
      try {
        const rows = (await db.execute("SELECT email, status FROM signatures WHERE name = 'Crash Test'")).rows;
        const status = new Map(rows.map((r) => [String(r.email), String(r.status)]));
        for (const email of signed) expect(status.has(email), email).toBe(true);
        for (const email of confirmed) expect(status.get(email), email).toBe('verified');

        const check = await runCli(['check'], { DATABASE_URL: databaseUrl });
        expect(check.stdout).toContain('All counts match');
        expect(check.code).toBe(0);

        // The outbox resumes: jobs the killed process had claimed are sent once their claim passes.
        await waitFor(async () => (await db.execute('SELECT id FROM outbox')).rows.length === 0, 'an empty outbox', 20_000);
        const mailed = new Set(mail.messages.map((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address));
        for (const email of signed) expect(mailed.has(email), email).toBe(true);
      } finally {
        db.close();
      }
    } finally {
      first.child.kill('SIGKILL');
      await first.exited;
      await mail.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
