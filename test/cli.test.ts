import { parse } from 'csv-parse/sync';
import { access, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';
import { waitFor } from './support/wait.ts';
import { rows, SLUG, startSite, type Site } from './support/site.ts';

describe('the command line', () => {
  let site: Site;
  let env: Record<string, string>;
  beforeAll(async () => {
    site = await startSite();
    env = { DATABASE_URL: site.databaseUrl };
  });
  afterAll(() => site.close());

  const adminApi = (token: string) =>
    site.fetch('/api/admin/letters', { headers: { authorization: `Bearer ${token}` } });

  it('creates, lists and revokes organizer tokens; only the hash is stored', async () => {
    const created = await runCli(['token', 'create', '--name', 'Alice'], env);
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toContain('shown only this once');
    expect((await adminApi(token)).status).toBe(200);
    expect(JSON.stringify(await rows(site, 'SELECT * FROM organizers'))).not.toContain(token);

    const list = await runCli(['token', 'list'], env);
    expect(list.stdout).toMatch(/^1\tAlice\tcreated \S+\tactive$/m);

    const revoked = await runCli(['token', 'revoke', '1'], env);
    expect(revoked.code).toBe(0);
    expect((await adminApi(token)).status).toBe(401);
    expect((await runCli(['token', 'list'], env)).stdout).toMatch(/^1\tAlice\t.*\trevoked /m);
    expect((await runCli(['token', 'revoke', '1'], env)).code).toBe(1);
    expect((await runCli(['token', 'create'], env)).stderr).toContain('name');
  });

  it('exports 100,000 signatures as CSV, row for row as in the database, with progress on stderr', async () => {
    const now = Date.now();
    await site.db.execute({
      sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
            INSERT INTO signatures (letter_id, status, name, email, organisation, listed, lang, mail_window_start, created_at, verified_at)
            SELECT (SELECT id FROM letters WHERE slug = ?), 'verified', 'Signer ' || i, 'signer' || i || '@example.org',
                   CASE WHEN i % 7 = 0 THEN '=cmd|' || i ELSE 'Org ' || (i % 100) END, i % 2, 'en', ?, ? + i, ? + i FROM n`,
      args: [SLUG, now, now, now],
    });
    const result = await runCli(['export', '--letter', SLUG, '--format', 'csv', '--status', 'verified'], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('exported 100,000 of 100,000 rows');

    const exported = parse(result.stdout, { columns: true }) as Record<string, string>[];
    const stored = await rows(site, 'SELECT id, name, organisation, listed FROM signatures WHERE status = ? ORDER BY id', ['verified']);
    expect(exported).toHaveLength(100_000);
    expect(stored).toHaveLength(100_000);
    exported.forEach((row, i) => {
      const db = stored[i]!;
      expect(row.id).toBe(String(db.id));
      expect(row.name).toBe(db.name);
      const organisation = String(db.organisation);
      expect(row.organisation).toBe(organisation.startsWith('=') ? `'${organisation}` : organisation);
      expect(row.listed).toBe(db.listed ? 'true' : 'false');
      expect(row).not.toHaveProperty('email');
    });

    const withEmail = await runCli(['export', '--letter', SLUG, '--format', 'jsonl', '--include-email'], env);
    const first = JSON.parse(withEmail.stdout.slice(0, withEmail.stdout.indexOf('\n'))) as { email: string };
    expect(first.email).toBe('signer1@example.org');
    const audit = await site.store.auditLog({ limit: 2 });
    expect(audit.map((e) => [e.actor, e.action, e.detail.includeEmail])).toEqual([
      ['command line', 'export', true],
      ['command line', 'export', false],
    ]);
  });

  it('refuses an export of an unknown letter (exit 1) or format (exit 2) with one line in its own words', async () => {
    const unknown = await runCli(['export', '--letter', 'nope', '--format', 'csv'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('undersigned export: no letter with slug "nope"\n');
    const format = await runCli(['export', '--letter', SLUG, '--format', 'xlsx'], env);
    expect(format.code).toBe(2);
    expect(format.stderr).toBe('undersigned export: option --format must be csv or jsonl (see undersigned export --help)\n');
    expect(format.stdout).toBe('');
  });

  it('finds a count tampered with in the database, and repairs it with --fix', async () => {
    expect((await runCli(['check'], env)).stdout).toContain('All counts match');
    await site.db.execute({ sql: 'UPDATE letters SET signature_count = 7 WHERE slug = ?', args: [SLUG] });
    const found = await runCli(['check'], env);
    expect(found.code).toBe(1);
    expect(found.stdout).toContain(`${SLUG}: stored count 7, signatures counted 100000`);
    await waitFor(async () => (await site.count()) === 7, 'the tampered count');

    const fixed = await runCli(['check', '--fix'], env);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain('(fixed)');
    // Another process changed the count: the server sees it within its refresh interval.
    await waitFor(async () => (await site.count()) === 100_000, 'the repaired count');
    expect((await runCli(['check'], env)).code).toBe(0);
    const [repair] = await site.store.auditLog({ limit: 1 });
    expect(repair).toMatchObject({ action: 'count_repair', actor: 'command line', detail: { from: 7, to: 100_000 } });
  });

  it('names the database a token was written to, without its credentials', async () => {
    const created = await runCli(['token', 'create', '--name', 'Carol'], { ...env, DATABASE_AUTH_TOKEN: 'secret-auth-token' });
    expect(created.code).toBe(0);
    expect(created.stderr).toContain(`created in ${site.databaseUrl}.`);
    expect(created.stderr).not.toContain('secret-auth-token');
  });
});

describe('the command line, apart from any database', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'undersigned-cli-'));
  });
  afterEach(() => rm(join(folder, '.env'), { force: true }));
  afterAll(() => rm(folder, { recursive: true, force: true }));

  /** One line on stderr, nothing on stdout. */
  const oneLine = (result: { stdout: string; stderr: string }) => {
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^[^\n]+\n$/);
    return result.stderr;
  };

  it("prints the usage and exits 0 for --help, -h, help, and a command's --help", async () => {
    for (const args of [['--help'], ['-h'], ['help'], ['token', '--help'], ['export', '--help'], ['token', 'create', '-h'], ['help', 'mirror']]) {
      const result = await runCli(args, {});
      expect(result, args.join(' ')).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout, args.join(' ')).toMatch(/^Usage: undersigned /);
    }
    expect((await runCli(['export', '--help'], {})).stdout).toContain('--status pending|verified|hidden|withdrawn');
    expect((await runCli(['mirror', '--help'], {})).stdout).toContain('--public-url URL');
  });

  it('prints the version of the package with --version', async () => {
    const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    expect(await runCli(['--version'], {})).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('answers an unknown command, an unknown option or a missing value with one line and exit 2', async () => {
    const command = await runCli(['frobnicate'], {});
    expect(command.code).toBe(2);
    expect(oneLine(command)).toBe('undersigned: unknown command "frobnicate" (see undersigned --help)\n');
    const option = await runCli(['check', '--force'], {});
    expect(option.code).toBe(2);
    expect(oneLine(option)).toContain('unknown option --force');
    const value = await runCli(['token', 'create', '--name'], {});
    expect(value.code).toBe(2);
    expect(oneLine(value)).toContain('option --name needs a value');
  });

  it('reads DATABASE_URL from .env in the folder it runs in', async () => {
    await writeFile(join(folder, '.env'), 'DATABASE_URL=file:./from-dotenv.db\n');
    const created = await runCli(['token', 'create', '--name', 'Dora'], {}, { cwd: folder });
    expect(created.code).toBe(0);
    expect(created.stderr).toContain(`created in file:./from-dotenv.db (${join(folder, 'from-dotenv.db')}).`);
    await access(join(folder, 'from-dotenv.db'));
    expect((await runCli(['token', 'list'], {}, { cwd: folder })).stdout).toMatch(/^1\tDora\t/);
  });

  it('lets a variable set in the environment win over .env', async () => {
    await writeFile(join(folder, '.env'), 'DATABASE_URL=file:./not-this.db\n');
    const created = await runCli(['token', 'create', '--name', 'Emil'], { DATABASE_URL: 'file:./this.db' }, { cwd: folder });
    expect(created.code).toBe(0);
    expect(created.stderr).toContain('created in file:./this.db');
    expect(await readdir(folder)).not.toContain('not-this.db');
  });

  it('refuses to mirror without the public address, rather than guess one (exit 2)', async () => {
    const out = join(folder, 'mirror');
    const result = await runCli(['mirror', '--letter', 'any', '--out', out], { DATABASE_URL: 'file:./mirror.db' }, { cwd: folder });
    expect(result.code).toBe(2);
    expect(oneLine(result)).toContain('set PUBLIC_URL (in the environment or .env) or give --public-url URL');
    expect(await readdir(folder)).not.toContain('mirror');
  });
});
