import { describe, expect, it } from 'vitest';
import { compare } from '../bench/compare.ts';
import { runBench, table } from '../bench/run.ts';

// The benchmark is not a test: this only runs every scenario once at a tiny size, so that its code
// keeps working. Figures come from `npm run bench`; nothing here looks at a time.
describe('the benchmark', () => {
  it('runs every scenario', async () => {
    const rows = await runBench({ durationSeconds: 0.3, warmupSeconds: 0.3, connections: 2, rows: 500, writes: 40, streams: 5, mailSeconds: 0.3, log: () => {} });
    expect(rows.map((r) => r.scenario)).toEqual([
      'baseline: GET /ping',
      'GET /api/letters/:slug/count',
      'GET /api/letters/:slug/count (304)',
      'GET /api/letters/:slug/shields.json',
      'GET /api/letters/:slug/shields.json (304)',
      'GET /badge/:slug.svg',
      'GET /badge/:slug.svg (304)',
      'GET /l/:slug (letter page, as browsers ask: gzip)',
      'GET /l/:slug (letter page, uncompressed)',
      'public list: first page',
      'public list: page 90% deep',
      'POST signatures (distinct)',
      'POST /confirm/:token (distinct)',
      'viral mix: 90% reads, 10% signing, 5 SSE',
      'POST /confirm/:token (distinct), 5 SSE watching',
      'export 500 rows to CSV (CLI)',
      'signing for 0.3 s at full speed with mail: no mail (log mailer)',
      'signing for 0.3 s at 2,000/s offered with mail: SMTP (smtp-server, own process; 40 connections)',
      'signing for 0.3 s at 2,000/s offered with mail: SMTP, sent by undersigned mailer (web: MAIL_SENDER=off; 40 connections)',
      'signing for 0.3 s at 4,000/s offered with mail: HTTP mail API (Resend-shaped, own process; batch endpoint)',
      'signing for 0.3 s at 4,000/s offered with mail: HTTP mail API, sent by undersigned mailer (web: MAIL_SENDER=off)',
    ]);
    for (const row of rows.filter((r) => r.rps !== undefined)) expect(row.errors, row.scenario).toBe(0);
    expect(rows.find((r) => r.scenario.startsWith('POST signatures'))!.note).toBe('rows added 40, 202 answers 40');
    expect(rows.find((r) => r.scenario.startsWith('POST /confirm'))!.note).toBe('count +40, answers 40, exact: true');
    expect(rows.find((r) => r.scenario.startsWith('viral mix'))!.note).toMatch(/\(in the warm-up: [\d.]+×\); all streams saw a confirmation in \d+ ms; server \d+ MB resident before the streams, \d+ MB with them$/);
    expect(rows.find((r) => r.scenario.endsWith('SSE watching'))!.note).toMatch(/^count \+40, answers 40; all streams had the final count \d+ ms after/);
    expect(rows.find((r) => r.scenario.startsWith('export'))!.note).toMatch(/exit 0$/);
    // Every mail scenario's backlog drained, each mail delivered once.
    for (const row of rows.filter((r) => r.mail)) {
      expect(row.mail!.drainSeconds, row.scenario).toBeDefined();
      expect(row.mail!.undelivered, row.scenario).toBe(0);
    }
    expect(table(rows).split('\n')).toHaveLength(rows.length + 2);
  }, 120_000);

  it('compares two checkouts, here this one with itself', async () => {
    // autocannon ends a timed run at a whole second: each slice takes one, so two kinds and one round.
    const kinds = ['count', 'mix'] as const;
    const result = await compare({ other: '.', kinds, rounds: 1, sliceSeconds: 0.3, connections: 2, rows: 200, log: () => {} });
    expect(Object.keys(result)).toEqual(kinds);
    for (const [kind, { a, b, errors }] of Object.entries(result)) {
      expect(errors, kind).toBe(0);
      expect(a, kind).toBeGreaterThan(0);
      expect(b, kind).toBeGreaterThan(0);
    }
  }, 60_000);
});
