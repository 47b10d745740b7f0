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

const PEOPLE = 60;

// Story: the letter outgrows one process: three Node instances share one libSQL file.
describe('three Node instances on one database', () => {
  it('keep one row per person, an exact count, and send every mail job once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'undersigned-instances-'));
    const mail = await startMailSink();
    const databaseUrl = `file:${join(dir, 'site.db')}`;
    const env = serverEnv(databaseUrl, mail.port, { SECRET: 'one-secret-shared-by-every-instance-0123456789' });
    // One after the other, so that the first migrates the database before the others open it.
    const instances = [];
    for (let i = 0; i < 3; i++) {
      const instance = startServerProcess(env);
      await instance.listening;
      instances.push(instance);
    }
    const urls = await Promise.all(instances.map((i) => i.listening));
    const db = createClient({ url: databaseUrl });
    try {
      // Each person signs twice, in two spellings of one gmail address, on two instances at once.
      await Promise.all(
        Array.from({ length: PEOPLE }, (_, p) =>
          Promise.all(
            [`person.${p}+a@gmail.com`, `person${p}@googlemail.com`].map((email, k) =>
              fetch(`${urls[(p + k) % 3]}/api/letters/${SLUG}/signatures`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ name: `Person ${p}`, email, listed: true }),
              }).then((res) => expect(res.status).toBe(202)),
            ),
          ),
        ),
      );
      const signatures = (await db.execute("SELECT name, mail_window_count FROM signatures WHERE name LIKE 'Person %'")).rows;
      expect(signatures).toHaveLength(PEOPLE);
      expect(new Set(signatures.map((r) => r.name)).size).toBe(PEOPLE);

      // Every job is sent by exactly one of the three workers.
      const jobs = signatures.reduce((sum, r) => sum + Number(r.mail_window_count), 0);
      expect(jobs).toBe(PEOPLE * 2);
      await waitFor(async () => (await db.execute('SELECT id FROM outbox')).rows.length === 0, 'an empty outbox', 20_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(mail.messages).toHaveLength(jobs);

      // Everyone confirms, some twice, on different instances at once.
      const firstMail = new Map<string, (typeof mail.messages)[number]>();
      for (const m of mail.messages) {
        const name = m.text?.match(/«(Person \d+)»/)?.[1];
        if (name && !firstMail.has(name)) firstMail.set(name, m);
      }
      expect(firstMail.size).toBe(PEOPLE);
      await Promise.all(
        [...firstMail.values()].flatMap((m, p) =>
          [0, 1].slice(0, p % 2 ? 2 : 1).map((k) => fetch(`${urls[(p + k) % 3]}${linkPath(m, 'confirm')}`, { method: 'POST' })),
        ),
      );

      const check = await runCli(['check'], { DATABASE_URL: databaseUrl });
      expect(check.stdout).toContain('All counts match');
      const [row] = (await db.execute('SELECT signature_count FROM letters WHERE slug = ?', [SLUG])).rows;
      expect(row!.signature_count).toBe(PEOPLE);
      // Each instance sees the count others made, within its refresh interval.
      for (const url of urls) {
        await waitFor(
          async () => ((await (await fetch(`${url}/api/letters/${SLUG}/count`)).json()) as { count: number }).count === PEOPLE,
          `the count on ${url}`,
        );
      }
    } finally {
      db.close();
      for (const instance of instances) instance.child.kill('SIGTERM');
      await Promise.all(instances.map((i) => i.exited));
      await mail.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
