import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { load, type LoadOptions } from './load.ts';
import { BROWSER, signing, viralCycle } from './requests.ts';
import { seedSignatures, SLUG } from './seed.ts';
import { startBenchServer } from './server.ts';

/** What a slice can send: one kind of request, or the viral mix. */
export const KINDS = ['ping', 'count', 'badge', 'page', 'sign', 'mix'] as const;
export type Kind = (typeof KINDS)[number];

export interface CompareOptions {
  /** The other checkout, with its dependencies installed (a git worktree with node_modules, say). */
  other: string;
  kinds: readonly Kind[];
  rounds: number;
  sliceSeconds: number;
  connections: number;
  rows: number;
  log: (line: string) => void;
}

/** Requests per second of each kind, averaged over the rounds, for this checkout (A) and the other (B). */
export type Comparison = Record<string, { a: number; b: number; errors: number }>;

/**
 * Compares two checkouts on this machine, whose speed drifts by a fifth within a minute: both
 * servers are up at once, on copies of one database, and the load alternates between them in short
 * slices, in turn A first and B first, so that the drift falls on both alike. Run the same checkout
 * against itself first to see how far apart two equal servers come out.
 */
export async function compare(options: CompareOptions): Promise<Comparison> {
  const unknown = options.kinds.filter((kind) => !KINDS.includes(kind));
  if (unknown.length > 0) throw new Error(`unknown kinds ${unknown.join(', ')}; known: ${KINDS.join(', ')}`);
  const dir = await mkdtemp(join(tmpdir(), 'undersigned-compare-'));
  const files = [join(dir, 'a.db'), join(dir, 'b.db')] as const;
  try {
    await seedSignatures(`file:${files[0]}`, options.rows);
    await copyFile(files[0], files[1]);
    // One after the other: each builds its checkout first, and the other may be this one.
    const servers = [await startBenchServer(`file:${files[0]}`), await startBenchServer(`file:${files[1]}`, {}, resolve(options.other))];
    try {
      // Every slice is a run of its own, counting from 0: the signers are counted here, to stay distinct.
      const sign = signing('Compare');
      let signer = 0;
      const next = () => sign(signer++);
      const cycles: Record<Kind, NonNullable<LoadOptions['cycle']>> = {
        ping: [{ path: '/ping' }],
        count: [{ path: `/api/letters/${SLUG}/count` }],
        badge: [{ path: `/badge/${SLUG}.svg` }],
        page: [{ path: `/l/${SLUG}`, headers: BROWSER }],
        sign: [{ next }],
        mix: viralCycle(next),
      };
      const result: Comparison = {};
      const drive = (server: number, kind: Kind) =>
        load({ url: servers[server]!.url, connections: options.connections, durationSeconds: options.sliceSeconds, cycle: cycles[kind] });
      for (const kind of options.kinds) {
        for (const server of [0, 1]) await drive(server, kind); // warm-up
        const sums = { a: 0, b: 0, errors: 0 };
        for (let round = 0; round < options.rounds; round++) {
          for (const server of round % 2 === 0 ? [0, 1] : [1, 0]) {
            const run = await drive(server, kind);
            sums[server === 0 ? 'a' : 'b'] += run.rps / options.rounds;
            sums.errors += run.errors + run.bad;
          }
        }
        result[kind] = { a: Math.round(sums.a), b: Math.round(sums.b), errors: sums.errors };
        options.log(`${kind}: A ${result[kind].a}/s, B ${result[kind].b}/s, B/A ${(sums.b / sums.a).toFixed(3)}`);
      }
      return result;
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      other: { type: 'string' },
      kinds: { type: 'string', default: 'ping,count,page,mix' },
      rounds: { type: 'string', default: '6' },
      slice: { type: 'string', default: '2' },
      connections: { type: 'string', default: '50' },
      rows: { type: 'string', default: '100000' },
    },
  });
  if (!values.other) throw new Error('usage: npm run bench:compare -- --other <checkout> [--kinds ping,count,page,mix]');
  await compare({
    other: values.other,
    kinds: values.kinds.split(',') as Kind[],
    rounds: Number(values.rounds),
    sliceSeconds: Number(values.slice),
    connections: Number(values.connections),
    rows: Number(values.rows),
    log: (line) => console.log(line),
  });
}
