import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addVerifiedSignatures, rows, SLUG, startSite, type Site } from '../support/site.ts';

describe('health and count endpoints', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(() => site.close());

  it('keeps the database file in WAL mode', async () => {
    const [row] = await rows(site, 'PRAGMA journal_mode');
    expect(row!.journal_mode).toBe('wal');
  });

  it('reports the count with its display form and time', async () => {
    const now = Date.now();
    // 2,512 verified signatures, inserted behind the app's back: the triggers still keep the count.
    await addVerifiedSignatures(site, 2512);
    const res = await site.fetch(`/api/letters/${SLUG}/count`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { count: number; display: string; updatedAt: string };
    // Beside them, what signs them (test/stories/signed-count.test.ts checks the signature).
    expect(body).toEqual({
      count: 2512,
      display: '2,500+',
      updatedAt: expect.any(String),
      slug: SLUG,
      textSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      keyId: expect.stringMatching(/^[0-9a-f]{16}$/),
      signature: expect.stringMatching(/^[A-Za-z0-9_-]{86}$/),
    });
    expect(Date.parse(body.updatedAt)).toBeGreaterThanOrEqual(now - 1000);

    const de = (await (await site.fetch(`/api/letters/${SLUG}/count?locale=de`)).json()) as { display: string };
    expect(de.display).toBe('2.500+');
    expect(await (await site.fetch(`/l/${SLUG}`)).text()).toContain('2,500+ signatures');
    const letter = (await (await site.fetch(`/api/letters/${SLUG}`)).json()) as Record<string, unknown>;
    expect(letter).toMatchObject({ slug: SLUG, status: 'open', count: 2512, display: '2,500+' });
  });

  it('refuses a malformed locale with 400 naming the field', async () => {
    const res = await site.fetch(`/api/letters/${SLUG}/count?locale=${encodeURIComponent('not a locale!')}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: object } }).error.fields).toHaveProperty('locale');
  });

  it('is healthy with the database reachable, and reports the outbox backlog to organizers only', async () => {
    const res = await site.fetch('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok' });
    const token = await site.organizerToken('Health');
    const organizer = await site.fetch('/healthz', { headers: { authorization: `Bearer ${token}` } });
    expect(await organizer.json()).toEqual({ status: 'ok', database: 'ok', outboxBacklog: 0, mailAlarm: null });
  });

  it('answers 503 when the database is not reachable', async () => {
    // The health check's query fails as on a broken database: its table is gone for a moment.
    await site.db.execute('ALTER TABLE outbox RENAME TO outbox_away');
    try {
      const res = await site.fetch('/healthz');
      expect(res.status).toBe(503);
      const body = await res.text();
      expect(JSON.parse(body)).toEqual({ status: 'unavailable', database: 'unreachable' });
      expect(body).not.toMatch(/outbox|sqlite|libsql/i);
    } finally {
      await site.db.execute('ALTER TABLE outbox_away RENAME TO outbox');
    }
  });
});
