import type { Context } from 'hono';
import type { Export } from '../domain/export.ts';

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
