import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/domain/store.ts';
import { linkPath, startMailSink } from '../support/smtp.ts';
import { addVerifiedSignatures, SLUG, startSite } from '../support/site.ts';
import { openStream } from '../support/sse.ts';
import { waitFor } from '../support/wait.ts';

const INTERVAL_MS = 200;

// Story: a news site shows the count live while the letter goes viral; the server must not read the
// database once per watcher.
describe('the live count', () => {
  it('reaches a connected client within 2 s of a confirmation', async () => {
    const mail = await startMailSink();
    const site = await startSite({ mail });
    try {
      const stream = await openStream(`${site.url}/api/letters/${SLUG}/count/stream`);
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toBe('text/event-stream');
      await stream.countOf(0);

      await site.signJson({ name: 'Live', email: 'live@example.org', listed: true });
      const [message] = await mail.mailTo('live@example.org');
      await site.fetch(linkPath(message!, 'confirm'), { method: 'POST' });
      await stream.countOf(1, 2000);
      expect(stream.counts.at(-1)).toMatchObject({ count: 1, display: '1', updatedAt: expect.any(String), slug: SLUG });
      // Each event is the count JSON, signed like it.
      expect(Object.keys(stream.counts.at(-1)!)).toEqual(Object.keys(await (await site.fetch(`/api/letters/${SLUG}/count`)).json()));
      stream.close();
    } finally {
      await site.close();
      await mail.stop();
    }
  });

  it('ends a stream once its letter is taken back to draft, and opens no new one', async () => {
    const site = await startSite({ env: { COUNT_REFRESH_MS: String(INTERVAL_MS) } });
    try {
      const stream = await openStream(`${site.url}/api/letters/${SLUG}/count/stream`);
      await stream.countOf(0);
      const token = await site.organizerToken();
      const drafted = await site.fetch(`/api/admin/letters/${SLUG}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'draft' }),
      });
      expect(drafted.status).toBe(200);
      // The server ends it; a stream that kept running would keep this test waiting.
      await stream.ended;
      expect((await openStream(`${site.url}/api/letters/${SLUG}/count/stream`)).status).toBe(404);
    } finally {
      await site.close();
    }
  });

  it('sees changes made by another instance within an interval', async () => {
    const site = await startSite({ env: { COUNT_REFRESH_MS: String(INTERVAL_MS) } });
    try {
      const stream = await openStream(`${site.url}/api/letters/${SLUG}/count/stream?locale=de`);
      await stream.countOf(0);
      await addVerifiedSignatures(site, 1234, { listed: false, name: 'Elsewhere' });
      await stream.countOf(1234, 2000);
      expect(stream.counts.at(-1)!.display).toBe('1.200+');
      stream.close();
    } finally {
      await site.close();
    }
  });

  it('reads the database no more often for 200 watchers than for one', async () => {
    let reads = 0;
    const counting = (store: Store): Store => ({
      ...store,
      letterBySlug: (slug) => {
        reads++;
        return store.letterBySlug(slug);
      },
    });
    const site = await startSite({ env: { COUNT_REFRESH_MS: String(INTERVAL_MS) }, instrument: counting });
    const url = `${site.url}/api/letters/${SLUG}/count/stream`;
    const readsWhile = async (watchers: number) => {
      const streams = await Promise.all(Array.from({ length: watchers }, () => openStream(url)));
      await Promise.all(streams.map((s) => s.countOf(0)));
      reads = 0;
      await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS * 10));
      const counted = reads;
      for (const s of streams) s.close();
      await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS * 2));
      return counted;
    };
    try {
      const one = await readsWhile(1);
      const many = await readsWhile(200);
      // About one read per interval (timers drift on a busy machine, so only roughly).
      expect(one).toBeGreaterThanOrEqual(3);
      expect(one).toBeLessThanOrEqual(11);
      expect(many).toBeLessThanOrEqual(one + 1);
      // Once the last watcher has gone, nothing is read for it any more.
      reads = 0;
      await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS * 5));
      expect(reads).toBe(0);
    } finally {
      await site.close();
    }
  });

  it('sends heartbeats and the security headers, and refuses an unknown letter or locale', async () => {
    const site = await startSite({ env: { SSE_HEARTBEAT_MS: '100' } });
    try {
      const stream = await openStream(`${site.url}/api/letters/${SLUG}/count/stream`);
      // Any site may show the live count; the stream itself runs and loads nothing.
      expect(stream.headers.get('access-control-allow-origin')).toBe('*');
      expect(stream.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
      expect(stream.headers.get('x-content-type-options')).toBe('nosniff');
      await waitFor(() => stream.comments >= 2, 'two heartbeats');
      expect(stream.counts).toHaveLength(1);
      stream.close();
      expect((await openStream(`${site.url}/api/letters/nope/count/stream`)).status).toBe(404);
      expect((await openStream(`${site.url}/api/letters/${SLUG}/count/stream?locale=%%`)).status).toBe(400);
    } finally {
      await site.close();
    }
  });
});
