import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { describe, expect, it } from 'vitest';
import { serverEnv, startServerProcess } from '../support/server-process.ts';
import { SLUG } from '../support/site.ts';
import { startMailSink } from '../support/smtp.ts';
import { openStream } from '../support/sse.ts';
import { waitFor } from '../support/wait.ts';

const WORKERS = 16;

// Story: the organizer deploys a new version in the middle of the viral hour, and the service manager
// sends the server SIGTERM. Nobody whose signing was under way is cut off, whatever was answered is
// kept, and the live counts are told the server is going.
describe('a restart mid-run', () => {
  it('answers every signing in flight, keeps every answered one, ends live streams, and exits 0 on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'undersigned-restart-'));
    const mail = await startMailSink();
    const databaseUrl = `file:${join(dir, 'site.db')}`;
    const server = startServerProcess(serverEnv(databaseUrl, mail.port));
    try {
      const url = await server.listening;
      const stream = await openStream(`${url}/api/letters/${SLUG}/count/stream`);
      const signed: string[] = [];
      const failures: string[] = [];
      let next = 0;
      let refused = 0;
      let stopping = false;
      let answeredWhileStopping = 0;
      // Each signer signs until the server refuses new connections: a refusal is the only failure
      // allowed, as it comes before a request is sent.
      const worker = async () => {
        for (;;) {
          const email = `restart${next++}@example.org`;
          try {
            const res = await fetch(`${url}/api/letters/${SLUG}/signatures`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ name: 'Restart Test', email, listed: true }),
            });
            if (res.status === 202) signed.push(email);
            else failures.push(`${email}: ${res.status}`);
            if (stopping) answeredWhileStopping++;
            await res.arrayBuffer();
          } catch (error) {
            const code = ((error as Error).cause as { code?: string } | undefined)?.code;
            if (code === 'ECONNREFUSED') return refused++;
            failures.push(`${email}: ${String((error as Error).cause ?? error)}`);
            return;
          }
        }
      };
      const running = Array.from({ length: WORKERS }, worker);
      await waitFor(() => signed.length >= 300, 'signings answered', 20_000);
      stopping = true;
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      await Promise.all(running);

      expect(failures).toEqual([]);
      // Signings were in flight when the signal came, and were answered.
      expect(answeredWhileStopping).toBeGreaterThan(0);
      expect(refused).toBe(WORKERS);
      await stream.ended;
      expect(stream.events.at(-1)).toBe('shutdown');

      const db = createClient({ url: databaseUrl });
      try {
        const rows = (await db.execute("SELECT email FROM signatures WHERE name = 'Restart Test'")).rows;
        const stored = new Set(rows.map((r) => String(r.email)));
        for (const email of signed) expect(stored.has(email), email).toBe(true);
      } finally {
        db.close();
      }
    } finally {
      server.child.kill('SIGKILL');
      await mail.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
