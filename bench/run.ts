import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient } from '@libsql/client';
import { encodeCursor } from '../src/domain/signatories.ts';
import { load, type LoadOptions, type LoadResult } from './load.ts';
import { mailScenarios, type MailFigures } from './mail.ts';
import { BROWSER, signing, viralCycle } from './requests.ts';
import { prepareDatabase, seedPending, seedSignatures, SLUG } from './seed.ts';
import { peakMemoryMb, residentMemoryMb, startBenchServer, type BenchServer } from './server.ts';
import { openStreams } from './streams.ts';

/** How many distinct writes warm a write scenario up: a fifth of those it measures. */
export const warmWrites = (writes: number) => Math.ceil(writes / 5);

export interface BenchOptions {
  durationSeconds: number;
  /**
   * Each scenario's load runs this long before it is measured ({@link warmWrites} for the writes,
   * which must each differ): a fresh code path runs at half speed or less until V8 has compiled it,
   * and a viral hour is measured in hours, not in its first seconds.
   */
  warmupSeconds: number;
  connections: number;
  /** Signatures in the database for the list and export scenarios. */
  rows: number;
  /** Signings sent, and pending signatures whose links the confirming scenario presses. */
  writes: number;
  /** Live count streams open during the viral mix. */
  streams: number;
  /** How long the mail scenarios sustain their signing load. */
  mailSeconds: number;
  /** Only the mail scenarios (signing with its mail delivered), on a database of `rows` signatures. */
  mailOnly?: boolean;
  log: (line: string) => void;
}

export interface Row {
  scenario: string;
  rps?: number;
  p50?: number;
  p99?: number;
  errors?: number;
  /** GET /ping's requests per second, measured just before this scenario. */
  baseline?: number;
  /** Requests per second against that baseline. */
  ratio?: number;
  note?: string;
  /** A mail scenario's figures (rps is then the signings accepted per second). */
  mail?: MailFigures;
}

/** Runs every scenario against the real Node server on 127.0.0.1 and returns the table. */
export async function runBench(options: BenchOptions): Promise<Row[]> {
  const dir = await mkdtemp(join(tmpdir(), 'undersigned-bench-'));
  const databaseUrl = `file:${join(dir, 'bench.db')}`;
  const rows: Row[] = [];
  try {
    options.log(`seeding ${options.rows.toLocaleString('en')} signatures…`);
    await seedSignatures(databaseUrl, options.rows);
    if (!options.mailOnly) await readAndWriteScenarios(databaseUrl, options, rows);
    await mailScenarios(databaseUrl, options, (row) => {
      rows.push(row);
      options.log(JSON.stringify(row));
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}

/** Reads, signing and confirming (the mail logged, not sent), the viral mix, and the export. */
async function readAndWriteScenarios(databaseUrl: string, options: BenchOptions, rows: Row[]) {
  options.log(`seeding ${options.writes.toLocaleString('en')} confirm links…`);
  // Confirm links: for the confirming scenario, for confirming while the streams watch, one, and
  // the confirming scenario's warm-up.
  const warmUpWrites = warmWrites(options.writes);
  const tokens = await seedPending(databaseUrl, options.writes * 2 + 1 + warmUpWrites);
  const warmTokens = tokens.slice(options.writes * 2 + 1);
  const server = await startBenchServer(databaseUrl);
  const { connections, durationSeconds } = options;
  const get = (path: string, headers: Record<string, string> = {}, seconds = durationSeconds) =>
    load({ url: `${server.url}${path}`, connections, durationSeconds: seconds, headers });
  const ping = async () => (await get('/ping')).rps;
  const record = (scenario: string, result: LoadResult, baseline?: number, note?: string) => {
    const row: Row = {
      scenario,
      rps: Math.round(result.rps),
      p50: result.p50,
      p99: result.p99,
      errors: result.errors + result.bad,
      ...(baseline && { baseline: Math.round(baseline), ratio: Math.round((result.rps / baseline) * 100) / 100 }),
      ...(note && { note }),
    };
    rows.push(row);
    options.log(JSON.stringify(row));
  };
  // The machine is shared and its speed drifts over a run: each scenario is compared with /ping
  // measured just before it, not only with the first.
  const run = async (
    scenario: string,
    warmUp: () => Promise<unknown>,
    drive: () => Promise<LoadResult>,
    note?: (result: LoadResult) => Promise<string> | string,
  ) => {
    const baseline = await ping();
    await warmUp();
    const result = await drive();
    record(scenario, result, baseline, await note?.(result));
    return result;
  };
  const write = (next: NonNullable<LoadOptions['next']>, amount = options.writes) => () =>
    load({ url: server.url, connections, durationSeconds, amount, next });
  const warmGet = (path: string, headers?: Record<string, string>) => () => get(path, headers, options.warmupSeconds);
  try {
    record('baseline: GET /ping', await get('/ping'));
    for (const path of [`/api/letters/${SLUG}/count`, `/api/letters/${SLUG}/shields.json`, `/badge/${SLUG}.svg`]) {
      await run(`GET ${path.replace(SLUG, ':slug')}`, warmGet(path), () => get(path));
      const fresh = { 'if-none-match': (await fetch(`${server.url}${path}`)).headers.get('etag')! };
      await run(`GET ${path.replace(SLUG, ':slug')} (304)`, warmGet(path, fresh), () => get(path, fresh));
    }
    const page = `/l/${SLUG}`;
    await run('GET /l/:slug (letter page, as browsers ask: gzip)', warmGet(page, BROWSER), () => get(page, BROWSER));
    await run('GET /l/:slug (letter page, uncompressed)', warmGet(page), () => get(page));

    const list = `/api/letters/${SLUG}/signatures`;
    const first = await run('public list: first page', warmGet(list), () => get(list));
    const deep = `${list}?cursor=${encodeURIComponent(await deepCursor(databaseUrl, Math.floor(options.rows * 0.9)))}`;
    await run(
      'public list: page 90% deep',
      warmGet(deep),
      () => get(deep),
      (result) => `p50 ${(result.p50 / Math.max(first.p50, 0.001)).toFixed(2)}× the first page's`,
    );

    const benchRows = () => countRows(databaseUrl, "SELECT count(*) AS n FROM signatures WHERE name LIKE 'Bench %'");
    const signedBefore = await benchRows();
    await run(
      'POST signatures (distinct)',
      write(signing('Warm'), warmUpWrites),
      write((n) => ({
        path: `/api/letters/${SLUG}/signatures`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Bench ${n}`, email: `bench${n}@example.org`, listed: n % 2 === 0 }),
      })),
      async (result) => `rows added ${(await benchRows()) - signedBefore}, 202 answers ${result.ok}`,
    );

    let countBefore = 0;
    await run(
      'POST /confirm/:token (distinct)',
      async () => {
        await write((n) => ({ path: `/confirm/${warmTokens[n]}`, method: 'POST' }), warmUpWrites)();
        countBefore = await storedCount(databaseUrl);
      },
      write((n) => ({ path: `/confirm/${tokens[n]}`, method: 'POST' })),
      async (result) =>
        `count +${(await storedCount(databaseUrl)) - countBefore}, answers ${result.ok}, exact: ${await countIsExact(databaseUrl)}`,
    );

    await viralMix(server, options, tokens.slice(options.writes), ping, record);

    rows.push(await exportRun(databaseUrl, options));
    options.log(JSON.stringify(rows.at(-1)));
  } finally {
    await server.stop();
  }
}

async function viralMix(
  { url, pid }: BenchServer,
  options: BenchOptions,
  tokens: string[],
  ping: () => Promise<number>,
  record: (scenario: string, result: LoadResult, baseline?: number, note?: string) => void,
) {
  // Measured before the streams open: the mix is compared with the server as it was without them.
  const baseline = await ping();
  const withoutStreams = await residentMemoryMb(pid);
  const streams = await openStreams(`${url}/api/letters/${SLUG}/count/stream`, options.streams);
  // The server's resident memory with its watchers (a collection in between may make it the smaller).
  const withStreams = await residentMemoryMb(pid);
  const mix = (durationSeconds: number, prefix: string) =>
    load({ url, connections: options.connections, durationSeconds, cycle: viralCycle(signing(prefix)) });
  const reads = (result: LoadResult) => Math.round(result.rps * 0.9);
  // The warm-up's own figure is kept: how the mix goes while its code is still being compiled.
  const cold = await mix(options.warmupSeconds, 'Early');
  const warm = await mix(options.durationSeconds, 'Viral');
  // A confirmation after the mix: how long until every watcher has the new count?
  const count = async () => ((await (await fetch(`${url}/api/letters/${SLUG}/count`)).json()) as { count: number }).count;
  const before = await count();
  const pressed = performance.now();
  await fetch(`${url}/confirm/${tokens[options.writes]}`, { method: 'POST' });
  const seenAt = await streams.allSee(before + 1);
  // Then confirmations as fast as they come, while all of them watch.
  const confirming = await load({
    url,
    connections: options.connections,
    durationSeconds: options.durationSeconds,
    amount: options.writes,
    next: (n) => ({ path: `/confirm/${tokens[n]}`, method: 'POST' }),
  });
  const ended = performance.now();
  const final = await count();
  const finalSeenAt = await streams.allSee(final);
  streams.close();
  record(
    `viral mix: 90% reads, 10% signing, ${options.streams.toLocaleString('en')} SSE`,
    warm,
    baseline,
    `reads ${reads(warm)}/s = ${(reads(warm) / baseline).toFixed(2)}× /ping (in the warm-up: ${(reads(cold) / baseline).toFixed(2)}×); all streams saw a confirmation in ${
      seenAt === undefined ? 'more than 10 s' : `${Math.round(seenAt - pressed)} ms`
    }; server ${Math.round(withoutStreams)} MB resident before the streams, ${Math.round(withStreams)} MB with them`,
  );
  record(
    `POST /confirm/:token (distinct), ${options.streams.toLocaleString('en')} SSE watching`,
    confirming,
    baseline,
    `count +${final - before - 1}, answers ${confirming.ok}; all streams had the final count ${
      finalSeenAt === undefined ? 'more than 10 s' : `${Math.round(finalSeenAt - ended)} ms`
    } after the last answer`,
  );
}

async function exportRun(databaseUrl: string, options: BenchOptions): Promise<Row> {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/undersigned.js', 'export', '--letter', SLUG, '--format', 'csv'], {
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let bytes = 0;
  let peak = 0;
  child.stdout.on('data', (chunk: Buffer) => (bytes += chunk.length));
  const sampler = setInterval(async () => (peak = Math.max(peak, (await peakMemoryMb(child.pid!)) ?? 0)), 20);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  return {
    scenario: `export ${options.rows.toLocaleString('en')} rows to CSV (CLI)`,
    note: `${seconds.toFixed(2)} s, peak RSS ${peak.toFixed(0)} MB, ${(bytes / 1e6).toFixed(1)} MB written, exit ${code}`,
  };
}

async function countRows(databaseUrl: string, sql: string): Promise<number> {
  const client = createClient({ url: databaseUrl });
  try {
    return Number((await client.execute(sql)).rows[0]!.n);
  } finally {
    client.close();
  }
}

const storedCount = (databaseUrl: string) =>
  countRows(databaseUrl, `SELECT signature_count AS n FROM letters WHERE slug = '${SLUG}'`);

async function countIsExact(databaseUrl: string): Promise<boolean> {
  const actual = await countRows(
    databaseUrl,
    `SELECT count(*) AS n FROM signatures WHERE status = 'verified' AND hidden = 0 AND letter_id = (SELECT id FROM letters WHERE slug = '${SLUG}')`,
  );
  return actual === (await storedCount(databaseUrl));
}

/** The cursor of the public list at a position, as the API would hand it out. */
async function deepCursor(databaseUrl: string, position: number): Promise<string> {
  const client = await prepareDatabase(databaseUrl);
  try {
    const row = (
      await client.execute({
        sql: `SELECT id, notable, verified_at FROM signatures
              WHERE status = 'verified' AND hidden = 0 AND listed = 1
              ORDER BY notable DESC, verified_at DESC, id DESC LIMIT 1 OFFSET ?`,
        args: [position],
      })
    ).rows[0];
    if (!row) return '';
    return encodeCursor({ notable: row.notable === 1, verifiedAt: new Date(Number(row.verified_at)), id: Number(row.id) });
  } finally {
    client.close();
  }
}

export function table(rows: Row[]): string {
  const header = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', '/ping req/s just before', '× that', 'notes'];
  const lines = rows.map((r) => [
    r.scenario,
    r.rps?.toLocaleString('en') ?? '',
    r.p50?.toString() ?? '',
    r.p99?.toString() ?? '',
    r.errors?.toString() ?? '',
    r.baseline?.toLocaleString('en') ?? '',
    r.ratio?.toFixed(2) ?? '',
    r.note ?? '',
  ]);
  return [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '50' },
      rows: { type: 'string', default: '1000000' },
      writes: { type: 'string', default: '20000' },
      streams: { type: 'string', default: '5000' },
      'mail-duration': { type: 'string', default: '60' },
      'mail-only': { type: 'boolean', default: false },
    },
  });
  const options: BenchOptions = {
    durationSeconds: Number(values.duration),
    warmupSeconds: Number(values.warmup),
    connections: Number(values.connections),
    rows: Number(values.rows),
    writes: Number(values.writes),
    streams: Number(values.streams),
    mailSeconds: Number(values['mail-duration']),
    mailOnly: values['mail-only'],
    log: (line) => console.error(line),
  };
  const rows = await runBench(options);
  const machine = `Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'})`;
  console.log(
    `\n${machine}; ${options.connections} connections, ${options.durationSeconds} s per scenario after ${options.warmupSeconds} s of the same load${
      options.mailOnly ? '' : ` (${warmWrites(options.writes).toLocaleString('en')} writes for the writes)`
    }; signing with mail sustained for ${options.mailSeconds} s\n`,
  );
  console.log(table(rows));
  await mkdir('bench/results', { recursive: true });
  const file = `bench/results/${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  await writeFile(file, `${JSON.stringify({ machine, options: { ...options, log: undefined }, rows }, null, 2)}\n`);
  console.log(`\nwritten to ${file}`);
}
