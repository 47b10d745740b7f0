import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { parseConfig } from '../../src/config.ts';
import * as schema from '../../src/db/schema.ts';
import { libsqlBatch } from '../../src/db/sql-batch.ts';
import { createStore } from '../../src/db/store.ts';
import { issueOrganizerToken } from '../../src/domain/organizers.ts';
import type { Store } from '../../src/domain/store.ts';
import { SAMPLE_LETTER } from '../../src/db/sample-letter.ts';
import { createLogger } from '../../src/log.ts';
import { startServer } from '../../src/server.node.ts';
import { afterAll, beforeAll } from 'vitest';
import { linkPath, startMailSink, type MailSink } from './smtp.ts';

export const PUBLIC_URL = 'http://letters.test';
export const SLUG = SAMPLE_LETTER.slug;

/** The real Node server on 127.0.0.1 with a fresh libSQL file, sending mail to `sink` if given. */
export interface Site {
  url: string;
  databaseUrl: string;
  /** The log lines the server wrote, as JSON (see src/log.ts). */
  logs: string[];
  /** A second connection to the same database file, for looking at what is stored. */
  db: Client;
  /** The app's store on that second connection, for setting up what a test needs. */
  store: Store;
  /** Creates an organizer and returns its token. */
  organizerToken(name?: string): Promise<string>;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Calls the organizer API with `token`, sending `body` as JSON. */
  admin(token: string, method: string, path: string, body?: unknown): Promise<Response>;
  /** POSTs JSON to the signing API. */
  signJson(body: unknown, slug?: string): Promise<Response>;
  /** POSTs the HTML form, as a browser would. */
  signForm(fields: Record<string, string>, slug?: string): Promise<Response>;
  count(slug?: string): Promise<number>;
  close(): Promise<void>;
}

export async function startSite(
  options: {
    mail?: MailSink;
    env?: Record<string, string>;
    instrument?: (store: Store) => Store;
    /** Start on this database (left in place on close) instead of a fresh one. */
    databaseUrl?: string;
  } = {},
): Promise<Site> {
  const dir = options.databaseUrl ? undefined : await mkdtemp(join(tmpdir(), 'undersigned-test-'));
  const databaseUrl = options.databaseUrl ?? `file:${join(dir!, 'undersigned.db')}`;
  const config = parseConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    PUBLIC_URL,
    DATABASE_URL: databaseUrl,
    // Tests fill forms faster than people and sign from one address many times, and faster than a
    // flood; the tests of bot friction and rate limits set their own values.
    FORM_MIN_SECONDS: '0',
    PROOF_OF_WORK_ABOVE: '1000000/minute',
    ...Object.fromEntries(
      ['SIGN_PER_ADDRESS', 'SIGN_PER_LETTER', 'LOGIN_PER_ADDRESS', 'LINKS_PER_ADDRESS'].map((rule) => [
        `LIMIT_${rule}`,
        '1000000/minute',
      ]),
    ),
    ...(options.mail && { SMTP_URL: `smtp://127.0.0.1:${options.mail.port}` }),
    ...options.env,
  });
  const logs: string[] = [];
  const server = await startServer(config, {
    logger: createLogger({ format: 'json', write: (line) => logs.push(line) }),
    ...(options.instrument && { instrument: options.instrument }),
  });
  const db = createClient({ url: databaseUrl });
  // Like every connection of the site: the server's own writes (an outbox pass claims even when there
  // is nothing to send) hold the write lock for a moment, and a write from here then waits for it.
  if (databaseUrl.startsWith('file:')) await db.execute('PRAGMA busy_timeout = 5000');
  const store = createStore(drizzle(db, { schema }), libsqlBatch(db));
  const fetchSite = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, { redirect: 'manual', ...init });
  return {
    url: server.url,
    databaseUrl,
    logs,
    db,
    store,
    organizerToken: async (name = 'Alice') => (await issueOrganizerToken(store, name, new Date())).token,
    fetch: fetchSite,
    admin: (token, method, path, body) =>
      fetchSite(`/api/admin${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      }),
    signJson: (body, slug = SLUG) =>
      fetchSite(`/api/letters/${slug}/signatures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    async signForm(fields, slug = SLUG) {
      // As a browser does: the form comes from the letter page, with the time it was shown.
      const page = await (await fetchSite(`/l/${slug}`)).text();
      const shown = page.match(/name="shown" value="([^"]*)"/)?.[1] ?? '';
      return fetchSite(`/l/${slug}/sign`, { method: 'POST', body: new URLSearchParams({ shown, website: '', ...fields }) });
    },
    async count(slug = SLUG) {
      const res = await fetchSite(`/api/letters/${slug}/count`);
      return ((await res.json()) as { count: number }).count;
    },
    async close() {
      db.close();
      await server.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Rows of a table, for asserting what is (not) stored. */
export async function rows(site: Site, sql: string, args: (string | number)[] = []) {
  return (await site.db.execute({ sql, args })).rows;
}

/**
 * Starts a site with a real SMTP server for the tests of the enclosing `describe`, and stops both
 * after them. Read `site` and `mail` inside tests, once the hooks have run.
 */
export function siteWithMail(env: Record<string, string> = {}): { site: Site; mail: MailSink } {
  const ctx = {} as { site: Site; mail: MailSink };
  beforeAll(async () => {
    ctx.mail = await startMailSink();
    ctx.site = await startSite({ mail: ctx.mail, env });
  });
  afterAll(async () => {
    await ctx.site.close();
    await ctx.mail.stop();
  });
  return ctx;
}

/**
 * Inserts `count` verified signatures straight into the database, as another instance or an import
 * would: the triggers count them, the app is not asked.
 */
export async function addVerifiedSignatures(site: Site, count: number, options: { listed?: boolean; name?: string } = {}) {
  const now = Date.now();
  await site.db.execute({
    sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
          INSERT INTO signatures (letter_id, status, name, listed, lang, mail_window_start, created_at, verified_at)
          SELECT (SELECT id FROM letters WHERE slug = ?), 'verified', ? || ' ' || i, ?, 'en', ?, ?, ? FROM n`,
    args: [count, SLUG, options.name ?? 'Signer', options.listed === false ? 0 : 1, now, now, now],
  });
}

/** Signs through the JSON API and confirms from the mail, as a signer would; fails the test if either is refused. */
export async function signAndConfirm(ctx: { site: Site; mail: MailSink }, body: Record<string, unknown>) {
  const signed = await ctx.site.signJson(body);
  if (signed.status !== 202) throw new Error(`signing answered ${signed.status}`);
  const [mail] = await ctx.mail.mailTo(body.email as string);
  const confirmed = await ctx.site.fetch(linkPath(mail!, 'verify'), { method: 'POST' });
  if (confirmed.status !== 200) throw new Error(`confirming answered ${confirmed.status}`);
}
