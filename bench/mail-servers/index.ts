import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A mail server for the bench, in a process of its own on 127.0.0.1, that counts what it takes. */
export interface MailServer {
  port: number;
  pid: number;
  /** Mails taken so far, as the server counts them. */
  received(): Promise<number>;
  stop(): Promise<void>;
}

export const MAIL_API_KEY = 'bench-mail-api-key';

/** Starts the SMTP server (smtp.ts) or the Resend-shaped HTTP mail API (http-api.ts). */
export async function startMailServer(kind: 'smtp' | 'http-api'): Promise<MailServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(`./${kind}.ts`, import.meta.url))], {
    env: { PATH: process.env.PATH, MAIL_API_KEY },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () =>
    new Promise<Record<string, number>>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the ${kind} mail server exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (message) => {
        child.off('exit', onExit);
        resolve(message as Record<string, number>);
      });
    });
  const { port } = await next();
  // One question at a time: the answers come back in order, each to the one who asked.
  let asking = Promise.resolve(0);
  return {
    port: port!,
    pid: child.pid!,
    received() {
      asking = asking.then(() => {
        const answer = next();
        child.send('count');
        return answer.then((message) => message.received!);
      });
      return asking;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}
