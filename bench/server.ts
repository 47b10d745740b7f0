import { spawn, type ChildProcess } from 'node:child_process';
import { open, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';

/** The real Node server, as `npm start` runs it (dist/node.js), as a child process on 127.0.0.1, for load from this process. */
export interface BenchServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Builds and starts the server of the checkout in `cwd` (this one by default), with its own dependencies. */
export async function startBenchServer(databaseUrl: string, env: Record<string, string> = {}, cwd?: string): Promise<BenchServer> {
  const build = pathToFileURL(resolve(cwd ?? '.', 'scripts/build.mjs')).href;
  await ((await import(build)) as typeof import('../scripts/build.mjs')).buildIfStale();
  const { child, logPath } = await spawnLogged(['dist/node.js'], benchEnv(databaseUrl, env), `${databaseUrl.replace(/^file:/, '')}.log`, cwd);
  let exit: number | null | undefined;
  child.once('exit', (code) => (exit = code));
  let url: string | undefined;
  while (!url) {
    const output = await readFile(logPath, 'utf8');
    url = output.match(/listening on (http:\/\/\S+)/)?.[1];
    if (!url && exit !== undefined) throw new Error(`server exited (${exit}) before listening:\n${output}`);
    if (!url) await sleep(50);
  }
  return { url, pid: child.pid!, stop: () => stopChild(child) };
}

/**
 * Starts `undersigned mailer` (dist/cli.js, built by startBenchServer) on the bench server's database
 * and settings: the outbox sender in a process of its own, for a server started with MAIL_SENDER=off.
 */
export async function startBenchMailer(databaseUrl: string, env: Record<string, string> = {}): Promise<{ pid: number; stop(): Promise<void> }> {
  const { child, logPath } = await spawnLogged(['dist/cli.js', 'mailer'], benchEnv(databaseUrl, env), `${databaseUrl.replace(/^file:/, '')}.mailer.log`);
  let exit: number | null | undefined;
  child.once('exit', (code) => (exit = code));
  for (;;) {
    const output = await readFile(logPath, 'utf8');
    if (output.includes('mailer is sending')) break;
    if (exit !== undefined) throw new Error(`mailer exited (${exit}) before sending:\n${output}`);
    await sleep(50);
  }
  return { pid: child.pid!, stop: () => stopChild(child) };
}

/** The settings of the bench's processes: production, on 127.0.0.1, with the limits meant for people lifted. */
function benchEnv(databaseUrl: string, env: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    PUBLIC_URL: 'http://letters.test',
    DATABASE_URL: databaseUrl,
    SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    FORM_MIN_SECONDS: '0',
    // The bench measures how many signings the site takes, far above any flood threshold.
    PROOF_OF_WORK_ABOVE: '100000000/minute',
    ...Object.fromEntries(['SIGN_PER_ADDRESS', 'SIGN_PER_LETTER', 'LINKS_PER_ADDRESS'].map((r) => [`LIMIT_${r}`, '100000000/minute'])),
    ...env,
  };
}

/**
 * A process whose output (a line per mail) goes to a file: through a pipe, this process, the load
 * generator, would have to read it while it measures.
 */
async function spawnLogged(args: string[], env: Record<string, string>, logPath: string, cwd?: string) {
  const log = await open(logPath, 'w');
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', log.fd, 'inherit'] });
  await log.close();
  return { child, logPath };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Peak resident memory of a process so far (VmHWM), in MB. */
export function peakMemoryMb(pid: number): Promise<number | undefined> {
  return statusMb(pid, 'VmHWM');
}

/** Resident memory of a process now (VmRSS), in MB; NaN where /proc does not tell. */
export async function residentMemoryMb(pid: number): Promise<number> {
  return (await statusMb(pid, 'VmRSS')) ?? Number.NaN;
}

async function statusMb(pid: number, field: 'VmHWM' | 'VmRSS'): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = Number(status.match(new RegExp(`${field}:\\s+(\\d+) kB`))?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : undefined;
  } catch {
    return undefined;
  }
}
