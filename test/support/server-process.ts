import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The settings of a server process for the tests: 127.0.0.1 on any free port, the database and SMTP
 * server given, forms and links without the limits meant for people.
 */
export function serverEnv(databaseUrl: string, smtpPort: number, more: Record<string, string> = {}): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    PUBLIC_URL: 'http://letters.test',
    DATABASE_URL: databaseUrl,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    FORM_MIN_SECONDS: '0',
    LIMIT_SIGN_PER_ADDRESS: '1000000/minute',
    LIMIT_LINKS_PER_ADDRESS: '1000000/minute',
    PROOF_OF_WORK_ABOVE: '1000000/minute',
    ...more,
  };
}

/**
 * The `npm start` entry (dist/node.js, built before the tests by test/support/build.ts) as a real
 * child process, in `cwd` if given (where it reads `.env`).
 */
export function startServerProcess(env: Record<string, string>, cwd?: string) {
  const child = spawn(process.execPath, [fileURLToPath(new URL('../../dist/node.js', import.meta.url))], {
    env: { PATH: process.env.PATH, ...env },
    ...(cwd && { cwd }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const url = output.match(/listening on (http:\/\/\S+)/)?.[1];
      if (url) resolve(url);
    });
    exited.then(() => reject(new Error(`exited before listening:\n${output}`)));
  });
  listening.catch(() => {}); // awaited by the callers that expect it to listen
  return { child, exited, listening, output: () => output };
}
