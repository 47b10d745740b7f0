import type { Context, Hono } from 'hono';
import type { RouteDeps } from './deps.ts';
import { exportSignatures, type Export } from '../domain/export.ts';
import { actorOf } from '../domain/organizers.ts';
import type { AdminEnv } from './admin-auth.ts';

/**
 * `GET /letters/:slug/export.csv` and `export.jsonl` on an organizer's app, the API's or the pages':
 * the query's options, checked and logged by exportSignatures. An empty option is an unset one, as
 * the admin page's form sends its blank dates and "all" statuses.
 */
export function exportRoutes(app: Hono<AdminEnv>, deps: Pick<RouteDeps, 'store' | 'now'>): void {
  for (const format of ['csv', 'jsonl'] as const) {
    app.get(`/letters/:slug/export.${format}`, async (c) => {
      const given = Object.entries(c.req.query()).filter(([, value]) => value !== '');
      const params = { ...Object.fromEntries(given), format };
      return download(c, await exportSignatures(deps.store, actorOf(c.get('organizer')), c.req.param('slug'), params, deps.now()));
    });
  }
}

/** Streams an export as a file download. */
export function download(c: Context, file: Export) {
  const { letter, options, chunks } = file;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value.text));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const type = options.format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/x-ndjson; charset=utf-8';
  return c.body(body, 200, {
    'Content-Type': type,
    'Content-Disposition': `attachment; filename="${letter.slug}-signatures.${options.format}"`,
    'Cache-Control': 'no-store',
  });
}
