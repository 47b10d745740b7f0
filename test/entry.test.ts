import type { ChildProcess } from 'node:child_process';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServerProcess } from './support/server-process.ts';
import { SLUG } from './support/site.ts';

const start = startServerProcess;

describe('the start command', () => {
  let child: ChildProcess | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    child?.kill('SIGKILL');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('refuses a bad setting with a message naming the variable, and exits', async () => {
    const run = start({ PORT: 'abc' });
    child = run.child;
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('Invalid configuration:');
    expect(run.output()).toContain('PORT must be a port number');
  });

  it('stops with one line when the port is in use, before it touches the database', async () => {
    dir = await mkdtemp(join(tmpdir(), 'undersigned-entry-'));
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const port = String((other.address() as AddressInfo).port);
      const run = start({ PORT: port, HOST: '127.0.0.1', DATABASE_URL: `file:${dir}/data/site.db` });
      child = run.child;
      expect(await run.exited).toBe(1);
      expect(run.output()).toBe(`Cannot listen on 127.0.0.1:${port}: it is in use; stop what listens there, or set PORT.\n`);
      await expect(access(join(dir, 'data'))).rejects.toThrow();
    } finally {
      other.close();
    }
  });

  it('stops with one line when the database cannot be opened, and leaves the file as it was', async () => {
    dir = await mkdtemp(join(tmpdir(), 'undersigned-entry-'));
    const file = join(dir, 'site.db');
    const notADatabase = 'a spreadsheet saved under the wrong name, long enough to have a header '.repeat(4);
    await writeFile(file, notADatabase);
    const run = start({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `file:${file}` });
    child = run.child;
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/^Cannot open the database \S+site\.db \(DATABASE_URL\): .*not a database\n$/);
    expect(await readFile(file, 'utf8')).toBe(notADatabase);
  });

  it('names a database server it cannot reach without the password or token it was given', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const run = start({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `libsql://alice:pass%40word@127.0.0.1:${port}?tls=0&authToken=url-token`,
      DATABASE_AUTH_TOKEN: 'env-token',
    });
    child = run.child;
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(new RegExp(`^Cannot open the database libsql://127\\.0\\.0\\.1:${port}\\?tls=0 \\(DATABASE_URL\\): .+\\n$`));
    for (const secret of ['alice', 'pass', 'word', 'url-token', 'env-token']) expect(run.output()).not.toContain(secret);
  });

  it('serves the sample letter on a fresh database, shows the dev outbox, and stops on SIGTERM', async () => {
    dir = await mkdtemp(join(tmpdir(), 'undersigned-entry-'));
    // `npm start` runs the entry as it is; the entry knows the script by the name npm gives it.
    const packageJson = JSON.parse(await readFile('package.json', 'utf8')) as { scripts: { start: string } };
    expect(packageJson.scripts.start).toBe('exec node dist/node.js');
    const run = start({ npm_lifecycle_event: 'start', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `file:${dir}/data/site.db` });
    child = run.child;
    const url = await run.listening;
    const letter = await fetch(`${url}/l/${SLUG}`);
    expect(letter.status).toBe(200);
    expect(await letter.text()).toContain('This is a sample letter');
    expect((await fetch(`${url}/style.css`)).headers.get('content-type')).toMatch(/text\/css/);
    expect((await fetch(`${url}/dev/outbox`)).status).toBe(200);
    expect(run.output()).toContain('SMTP_URL is not set');
    expect(run.output()).toContain('npx undersigned token create --name');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('lets DEV_OUTBOX in .env turn off the dev outbox that npm start turns on', async () => {
    dir = await mkdtemp(join(tmpdir(), 'undersigned-entry-'));
    // As `npm start` runs the entry: npm names the script it runs.
    const viaNpmStart = { npm_lifecycle_event: 'start', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `file:${dir}/site.db` };
    for (const [dotEnv, status] of [[undefined, 200], ['DEV_OUTBOX=0\n', 404]] as const) {
      if (dotEnv) await writeFile(join(dir, '.env'), dotEnv);
      const run = start(viaNpmStart, dir);
      child = run.child;
      const url = await run.listening;
      expect((await fetch(`${url}/dev/outbox`)).status).toBe(status);
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    }
  });

  it('has no dev outbox unless asked for, and never in production', async () => {
    dir = await mkdtemp(join(tmpdir(), 'undersigned-entry-'));
    for (const env of [{}, { NODE_ENV: 'production', DEV_OUTBOX: '1' }] as Record<string, string>[]) {
      const run = start({ ...env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `file:${dir}/site.db` });
      child = run.child;
      const url = await run.listening;
      expect((await fetch(`${url}/dev/outbox`)).status).toBe(404);
      expect(run.output()).toContain('no mail can be sent');
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    }
  });
});
