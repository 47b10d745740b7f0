import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyCount, wellKnownKey, type CountProof, type WellKnown } from '../../src/domain/count-proof.ts';
import { decodeProofHeader } from '../../src/http/count-proof-http.ts';

// The signed count on the Worker: the key is made and kept in D1, and workerd's Web Crypto signs
// what Node's (and any Ed25519 implementation) verifies.
const TOKEN = 'organizer-token-for-the-signed-count-test-01';
const SLUG = 'worker-signed-letter';
const site = (path: string, init?: RequestInit) => SELF.fetch(`http://letters.test${path}`, { redirect: 'manual', ...init });
const json = async <T>(path: string) => (await (await site(path)).json()) as T;

beforeAll(async () => {
  const hash = [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(TOKEN)))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
  await env.DB.prepare('INSERT INTO organizers (name, token_hash, created_at) VALUES (?, ?, ?)').bind('Signer of counts', hash, Date.now()).run();
  const created = await site('/api/admin/letters', {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ slug: SLUG, title: 'A signed count at the edge', body: 'We **count**.', state: 'open' }),
  });
  expect(created.status).toBe(201);
  // Three confirmed signatures, as another instance would write them: the triggers count them.
  const now = Date.now();
  for (let i = 0; i < 3; i++) {
    await env.DB.prepare(
      `INSERT INTO signatures (letter_id, status, name, listed, lang, mail_window_start, created_at, verified_at)
       VALUES ((SELECT id FROM letters WHERE slug = ?), 'verified', ?, 1, 'en', ?, ?, ?)`,
    )
      .bind(SLUG, `Edge signer ${i}`, now, now, now)
      .run();
  }
});

describe('the signed count on the Worker with D1', () => {
  it('verifies with the key at /.well-known/undersigned.json, and fails when a signed field is changed', async () => {
    const res = await site('/.well-known/undersigned.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const document = (await res.json()) as WellKnown;
    expect(document.site).toBe('http://letters.test');

    let count = await json<CountProof>(`/api/letters/${SLUG}/count`);
    for (let i = 0; i < 100 && count.count !== 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      count = await json<CountProof>(`/api/letters/${SLUG}/count`);
    }
    expect(count).toMatchObject({ count: 3, slug: SLUG, keyId: document.keys[0]!.id });
    const found = wellKnownKey(document, count.keyId);
    const key = 'key' in found ? found.key : undefined;
    expect(await verifyCount(count, key)).toMatchObject({ valid: true, slug: SLUG, count: 3 });
    for (const change of [{ count: 4 }, { slug: 'elsewhere' }, { updatedAt: new Date(0).toISOString() }, { textSha256: 'a'.repeat(64) }]) {
      expect(await verifyCount({ ...count, ...change }, key)).toMatchObject({ valid: false });
    }

    const shields = await site(`/api/letters/${SLUG}/shields.json`);
    expect(await shields.json()).toEqual({ schemaVersion: 1, label: 'signatures', message: '3', color: 'blue' });
    expect(await verifyCount(decodeProofHeader(shields.headers.get('undersigned-count-proof') ?? ''), key)).toMatchObject({ valid: true, count: 3 });
  });

  it('keeps the key in D1, so every isolate serves the same one', async () => {
    const row = await env.DB.prepare("SELECT value FROM settings WHERE key = 'count_signing_key'").first<{ value: string }>();
    const stored = JSON.parse(row!.value) as { x: string };
    const document = await json<WellKnown>('/.well-known/undersigned.json');
    expect(document.keys.map((k) => k.publicKeyJwk.x)).toEqual([stored.x]);
  });
});
