/**
 * What one mail costs the CPU of the process that sends it: composing the message of a mail job, and
 * building and sending its MIME over pooled SMTP connections to a real SMTP server on 127.0.0.1, which
 * runs in a child process so that its own work is not counted; with `--dkim`, signed with a 2048-bit
 * RSA key as well. Run: `npx tsx bench/mail-cost.ts [--dkim]`.
 */
import { fork } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { parseArgs } from 'node:util';
import { SMTPServer } from 'smtp-server';
import type { MailJob } from '../src/domain/entities.ts';
import { MAIL_PASS_SIZE } from '../src/domain/mail.ts';
import { createMailComposer } from '../src/mail/messages.ts';
import { createSmtpMailer } from '../src/mail/smtp-mailer.node.ts';

const PUBLIC_URL = 'https://letters.example.org';

if (process.argv[2] === 'sink') {
  // The SMTP server: takes every message and throws it away.
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('end', () => callback()).resume();
    },
  });
  server.listen(0, '127.0.0.1', () => process.send!((server.server.address() as { port: number }).port));
  process.on('disconnect', () => process.exit(0));
} else {
  await main();
}

async function main() {
  const { values } = parseArgs({
    options: { mails: { type: 'string', default: '4000' }, rounds: { type: 'string', default: '5' }, dkim: { type: 'boolean', default: false } },
  });
  const mails = Number(values.mails);
  const rounds = Number(values.rounds);

  const sink = fork(new URL(import.meta.url).pathname, ['sink'], { stdio: 'inherit' });
  const port = await new Promise<number>((resolve) => sink.once('message', (m) => resolve(m as number)));
  const dkim = values.dkim
    ? {
        domainName: 'letters.example.org',
        keySelector: 'bench',
        privateKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      }
    : undefined;
  const mailer = createSmtpMailer({ url: `smtp://127.0.0.1:${port}`, from: 'Letters <no-reply@letters.example.org>', connections: 5, dkim });

  const compose = createMailComposer({ publicUrl: PUBLIC_URL, messageIdDomain: 'letters.example.org' });
  const jobs = Array.from({ length: mails }, (_, i) => job(i));
  const composeAll = () => {
    for (const j of jobs) compose(j);
  };
  // As the outbox sends: a pass of jobs at once, composed and sent.
  const send = async () => {
    for (let i = 0; i < jobs.length; i += MAIL_PASS_SIZE) {
      await Promise.all(jobs.slice(i, i + MAIL_PASS_SIZE).map((j) => mailer.send(compose(j)!)));
    }
  };

  // Warm-up: V8 compiles the hot paths, the pool opens its connections.
  composeAll();
  await send();
  const composeUs: number[] = [];
  const sendUs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    composeUs.push(await cpuPerMail(mails, composeAll));
    sendUs.push(await cpuPerMail(mails, send));
  }
  mailer.close();
  sink.disconnect();

  const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`CPU per mail (median of ${rounds} rounds of ${mails} mails), µs of user + system time:`);
  console.log(`  compose only:           ${median(composeUs).toFixed(1)}`);
  console.log(`  compose + build + send${values.dkim ? ' + DKIM' : ''}: ${median(sendUs).toFixed(1)}`);
}

async function cpuPerMail(mails: number, run: () => unknown): Promise<number> {
  const start = process.cpuUsage();
  await run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / mails;
}

/** A pending signer with every detail filled in, in turn in each language. */
function job(i: number): MailJob {
  const lang = ['en', 'be', 'ru', 'uk'][i % 4]!;
  return {
    id: i,
    attempts: 1,
    payload: { confirmToken: `c${i}`.padEnd(43, 'x'), withdrawToken: `w${i}`.padEnd(43, 'y') },
    signature: {
      status: 'pending',
      email: `signer${i}@example.org`,
      lang,
      name: `Signer ${i}`,
      title: 'Engineer',
      organisation: 'Example Labs',
      city: 'Minsk',
      listed: true,
      listThreshold: null,
      emailDomain: null,
    },
    letter: { slug: 'code-does-not-grow-in-fear', title: lang === 'en' ? 'Code does not grow in fear' : 'Код не расце ў страху' },
    linksExpireAt: new Date(Date.now() + 86_400_000),
  };
}
