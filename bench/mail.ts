import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from '@libsql/client';
import { load, type LoadResult } from './load.ts';
import { MAIL_API_KEY, startMailServer, type MailServer } from './mail-servers/index.ts';
import { signing, viralCycle } from './requests.ts';
import type { BenchOptions, Row } from './run.ts';
import { startBenchMailer, startBenchServer } from './server.ts';

/** The end-to-end figures of a mail scenario. */
export interface MailFigures {
  /** Signings answered 202 per second during the sustained load. */
  acceptedPerSecond: number;
  /** Mails delivered per second during it: counted by the mail server, or handed to the log. */
  deliveredPerSecond: number;
  /** The most mail jobs waiting in the outbox at once. */
  backlogPeak: number;
  /** Seconds from the load's end until the last of its mail was out; undefined: not within the limit. */
  drainSeconds?: number;
  /** The viral mix's reads per second while that mail drained, against GET /ping just before. */
  readRatio: number;
  /** Of the mail of the load and the mix, once drained, how many the mail server did not get (negative: twice). */
  undelivered: number;
  /** Where the machine's CPU went during the load, in cores: what bounds the figures above. */
  cores: Record<string, number>;
}

interface MailScenario {
  name: string;
  /** The signers' names start with it, so that every scenario's addresses are new. */
  tag: string;
  server?: 'smtp' | 'http-api';
  /** The mail is sent by `undersigned mailer`, the web server running with MAIL_SENDER=off. */
  mailer?: boolean;
  /** Signings offered a second: the target for this way of sending (docs/performance.md); none: as fast as they are answered. */
  rate?: number;
}

const SCENARIOS: MailScenario[] = [
  { name: 'no mail (log mailer)', tag: 'Log' },
  { name: 'SMTP (smtp-server, own process; 40 connections)', tag: 'Smtp', server: 'smtp', rate: 2000 },
  { name: 'SMTP, sent by undersigned mailer (web: MAIL_SENDER=off; 40 connections)', tag: 'Mailer', server: 'smtp', mailer: true, rate: 2000 },
  { name: 'HTTP mail API (Resend-shaped, own process; batch endpoint)', tag: 'Api', server: 'http-api', rate: 4000 },
  { name: 'HTTP mail API, sent by undersigned mailer (web: MAIL_SENDER=off)', tag: 'ApiMailer', server: 'http-api', mailer: true, rate: 4000 },
];

/** Past this, a backlog is reported as not drained rather than waited for. */
const DRAIN_LIMIT_MS = 5 * 60 * 1000;
const SAMPLE_MS = 100;

/** The server's settings that send its mail to `server`. */
function mailEnv(server: MailScenario['server'], port: number | undefined): Record<string, string> {
  // A relay that takes 40 connections from us at once, as mail services for senders of bulk mail do.
  if (server === 'smtp') return { SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_CONNECTIONS: '40' };
  if (server === 'http-api') {
    return { MAIL_API_URL: `http://127.0.0.1:${port}/emails`, MAIL_API_BATCH_URL: `http://127.0.0.1:${port}/emails/batch`, MAIL_API_KEY };
  }
  return {};
}

/**
 * Signing with its mail delivered, end to end, for each way of sending: a sustained signing load,
 * then the viral mix while its mail drains. Each scenario has a server of its own on the database,
 * and the mail server runs in a process of its own, as it would on another machine.
 */
export async function mailScenarios(databaseUrl: string, options: BenchOptions, record: (row: Row) => void) {
  const outbox = watchOutbox(databaseUrl);
  try {
    for (const scenario of SCENARIOS) {
      const mailServer = scenario.server && (await startMailServer(scenario.server));
      const env = { ...mailEnv(scenario.server, mailServer?.port), ...(scenario.mailer && { MAIL_SENDER: 'off' }) };
      const server = await startBenchServer(databaseUrl, env);
      const mailer = scenario.mailer ? await startBenchMailer(databaseUrl, env) : undefined;
      try {
        const processes = { web: server.pid, ...(mailer && { mailer: mailer.pid }), ...(mailServer && { 'mail server': mailServer.pid }) };
        record(await mailScenario(scenario, server.url, mailServer, outbox, processes, options));
      } finally {
        await mailer?.stop();
        await server.stop();
        await mailServer?.stop();
      }
    }
  } finally {
    outbox.close();
  }
}

type OutboxWatch = ReturnType<typeof watchOutbox>;

/** The outbox and the signings as the database has them, read from this process. */
function watchOutbox(databaseUrl: string) {
  const client = createClient({ url: databaseUrl });
  const count = async (sql: string, args: (string | number)[] = []) => Number((await client.execute({ sql, args })).rows[0]!.n);
  /** Jobs waiting (or retrying): all of them, or those queued by a moment. */
  const waiting = (queuedBy?: number) =>
    queuedBy === undefined
      ? count('SELECT count(*) AS n FROM outbox WHERE failed_at IS NULL')
      : count('SELECT count(*) AS n FROM outbox WHERE failed_at IS NULL AND created_at <= ?', [queuedBy]);
  return {
    waiting,
    /** Waits until no job is waiting (of those queued by a moment), and answers when; undefined: not within the limit. */
    async drained(queuedBy?: number): Promise<number | undefined> {
      const deadline = Date.now() + DRAIN_LIMIT_MS;
      while ((await waiting(queuedBy)) > 0) {
        if (Date.now() > deadline) return undefined;
        await sleep(SAMPLE_MS);
      }
      return Date.now();
    },
    /** Signings by signers whose names start with one of the prefixes: each queued one mail. */
    signings: (prefixes: string[]) =>
      count(`SELECT count(*) AS n FROM signatures WHERE ${prefixes.map(() => 'name LIKE ?').join(' OR ')}`, prefixes.map((p) => `${p} %`)),
    close: () => client.close(),
  };
}

async function mailScenario(
  scenario: MailScenario,
  url: string,
  mailServer: MailServer | undefined,
  outbox: OutboxWatch,
  processes: Record<string, number>,
  options: BenchOptions,
): Promise<Row> {
  const { connections, durationSeconds, warmupSeconds } = options;
  const sign = (prefix: string, seconds: number) =>
    load({ url, connections, durationSeconds: seconds, next: signing(prefix), ...(scenario.rate && { rate: scenario.rate }) });
  const mix = (prefix: string, seconds: number) => load({ url, connections, durationSeconds: seconds, cycle: viralCycle(signing(prefix)) });
  const baseline = (await load({ url: `${url}/ping`, connections, durationSeconds })).rps;
  // The mix's own signings warm the signing path up too.
  await mix(`Warm${scenario.tag}`, warmupSeconds);
  await outbox.drained();

  const deliveredBefore = (await mailServer?.received()) ?? 0;
  let backlogPeak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      backlogPeak = Math.max(backlogPeak, await outbox.waiting());
      await sleep(SAMPLE_MS);
    }
  })();
  const cpu = cpuMeter({ ...processes, 'load generator': process.pid });
  const signed: LoadResult = await sign(scenario.tag, options.mailSeconds);
  const loadEnded = Date.now();
  const cores = await cpu.cores();
  const seconds = signed.requests / signed.rps;
  const delivered = mailServer ? (await mailServer.received()) - deliveredBefore : signed.ok - (await outbox.waiting());
  // The viral mix goes on while the load's mail drains, as a viral hour would.
  const [drainEnded, mixed] = await Promise.all([outbox.drained(loadEnded), mix(`Drain${scenario.tag}`, durationSeconds)]);
  sampling = false;
  await sampler;
  await outbox.drained();
  const made = await outbox.signings([scenario.tag, `Drain${scenario.tag}`]);
  const undelivered = made - (mailServer ? (await mailServer.received()) - deliveredBefore : made - (await outbox.waiting()));

  const reads = mixed.rps * 0.9;
  const figures: MailFigures = {
    acceptedPerSecond: Math.round(signed.ok / seconds),
    deliveredPerSecond: Math.round(delivered / seconds),
    backlogPeak,
    ...(drainEnded !== undefined && { drainSeconds: Math.round((drainEnded - loadEnded) / 100) / 10 }),
    readRatio: Math.round((reads / baseline) * 100) / 100,
    undelivered,
    cores,
  };
  return {
    scenario: `signing for ${options.mailSeconds} s ${scenario.rate ? `at ${scenario.rate.toLocaleString('en')}/s offered` : 'at full speed'} with mail: ${scenario.name}`,
    rps: figures.acceptedPerSecond,
    p50: signed.p50,
    p99: signed.p99,
    errors: signed.errors + signed.bad + mixed.errors + mixed.bad,
    baseline: Math.round(baseline),
    note: `${figures.deliveredPerSecond.toLocaleString('en')} mails/s ${mailServer ? 'delivered (counted by the mail server)' : 'handed to the log'} during the load; backlog peak ${backlogPeak.toLocaleString('en')}, drained ${
      figures.drainSeconds === undefined ? `not within ${DRAIN_LIMIT_MS / 1000} s` : `${figures.drainSeconds} s`
    } after the load; viral mix meanwhile: reads ${Math.round(reads).toLocaleString('en')}/s = ${figures.readRatio.toFixed(2)}× /ping; ${
      undelivered === 0 ? 'every mail delivered once' : `${undelivered} mails not delivered (negative: delivered twice)`
    }; CPU during the load: ${Object.entries(cores)
      .map(([name, used]) => `${name} ${used.toFixed(2)}`)
      .join(', ')} cores`,
    mail: figures,
  };
}

/** Clock ticks a second in /proc/<pid>/stat (USER_HZ: 100 on Linux everywhere). */
const TICKS_PER_SECOND = 100;

/** CPU time of a process and all its threads so far, in seconds, from /proc (Linux). */
async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The fields after the command's name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Measures how many cores each of some processes kept busy from now until `cores()` is called. */
function cpuMeter(processes: Record<string, number>) {
  const started = Date.now();
  const before = Promise.all(Object.values(processes).map(cpuSeconds));
  return {
    async cores(): Promise<Record<string, number>> {
      const [start, end] = await Promise.all([before, Promise.all(Object.values(processes).map(cpuSeconds))]);
      const seconds = (Date.now() - started) / 1000;
      return Object.fromEntries(Object.keys(processes).map((name, i) => [name, Math.round(((end[i]! - start[i]!) / seconds) * 100) / 100]));
    },
  };
}
