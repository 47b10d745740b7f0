import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  importCountSigningKey,
  signedLetterText,
  newCountSigningKey,
  proveCount,
  verifyCount,
  wellKnownDocument,
  wellKnownKey,
  type CountProof,
  type WellKnown,
} from '../../src/domain/count-proof.ts';
import { decodeProofHeader } from '../../src/http/count-proof-http.ts';
import { runCli } from '../support/cli.ts';
import { addVerifiedSignatures, PUBLIC_URL, SLUG, startSite, type Site } from '../support/site.ts';
import { openStream } from '../support/sse.ts';
import { waitFor } from '../support/wait.ts';

type CountJson = CountProof & { display: string };

// The CLI must not need a database to check a count: a DATABASE_URL it cannot even parse proves it.
const NO_DATABASE = { DATABASE_URL: 'not a database' };

// Story: a journalist is shown "2,500 signed" and wants to know it is real. A screenshot can be
// faked; a count signed by the site can be checked, by a script or with `npx undersigned verify-count`.
describe('the signed count', () => {
  let dir: string;
  let databaseUrl: string;
  let site: Site;
  const countPath = `/api/letters/${SLUG}/count`;
  const json = async <T>(path: string) => (await (await site.fetch(path)).json()) as T;
  const cli = (...args: string[]) => runCli(['verify-count', ...args], NO_DATABASE);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'undersigned-signed-'));
    databaseUrl = `file:${join(dir, 'site.db')}`;
    site = await startSite({ databaseUrl });
    await addVerifiedSignatures(site, 25);
    await waitFor(async () => (await site.count()) === 25, 'the count of 25');
  });
  afterAll(async () => {
    await site.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('verifies with the key the site serves at /.well-known/undersigned.json', async () => {
    const res = await site.fetch('/.well-known/undersigned.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    const document = (await res.json()) as WellKnown;
    expect(document).toEqual({
      site: PUBLIC_URL,
      keys: [{ id: expect.stringMatching(/^[0-9a-f]{16}$/), algorithm: 'Ed25519', publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: expect.any(String) } }],
      countMessage: expect.stringContaining('undersigned-count-v1'),
    });

    const count = await json<CountJson>(countPath);
    expect(count).toMatchObject({ count: 25, display: '25', slug: SLUG, keyId: document.keys[0]!.id });
    const letter = (await site.store.letterBySlug(SLUG))!;
    expect(count.updatedAt).toBe(letter.countUpdatedAt.toISOString());
    // The hash is of the letter as stored, so a copy of its text can be checked with sha256sum.
    expect(count.textSha256).toBe(createHash('sha256').update(signedLetterText(letter)).digest('hex'));

    const found = wellKnownKey(document, count.keyId);
    expect('key' in found).toBe(true);
    expect(await verifyCount(count, 'key' in found ? found.key : undefined)).toMatchObject({ valid: true, count: 25 });
    for (const change of [{ count: 2500 }, { slug: 'another' }, { updatedAt: new Date(0).toISOString() }, { textSha256: '0'.repeat(64) }]) {
      expect(await verifyCount({ ...count, ...change }, 'key' in found ? found.key : undefined)).toMatchObject({ valid: false });
    }
  });

  it('is checked by `undersigned verify-count URL`, without a database', async () => {
    const count = await json<CountJson>(countPath);
    const result = await cli(`${site.url}${countPath}`);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toMatch(/^valid: /);
    for (const part of [`"${SLUG}"`, '25 signatures', count.updatedAt, `key ${count.keyId}`]) expect(result.stdout).toContain(part);
    // It says which key it used, and that the key came from the count's own site.
    expect(result.stdout).toContain(`(key ${count.keyId}, from ${site.url}/.well-known/undersigned.json, the same site as the count)`);
  });

  it('checks a saved count beside its key, and refuses it once any signed field is changed', async () => {
    const count = await json<CountJson>(countPath);
    const saved = join(dir, 'saved');
    await mkdir(join(saved, '.well-known'), { recursive: true });
    await writeFile(join(saved, '.well-known', 'undersigned.json'), await (await site.fetch('/.well-known/undersigned.json')).text());
    await writeFile(join(saved, 'count.json'), JSON.stringify(count));

    // The key beside the file came with it: it is used only with the id it must have pinned.
    const valid = await cli(join(saved, 'count.json'), '--key-id', count.keyId);
    expect(valid.code).toBe(0);
    expect(valid.stdout).toContain('25 signatures');
    expect(valid.stdout).toContain(`(key ${count.keyId}, from ${join(saved, '.well-known', 'undersigned.json')}, pinned by --key-id)`);

    for (const [name, change] of Object.entries({ count: { count: 2500 }, time: { updatedAt: '2020-08-17T00:00:00.000Z' }, text: { textSha256: 'f'.repeat(64) } })) {
      const file = join(saved, `tampered-${name}.json`);
      await writeFile(file, JSON.stringify({ ...count, ...change }));
      const tampered = await cli(file, '--key-id', count.keyId);
      expect(tampered.code, name).toBe(1);
      expect(tampered.stdout).toMatch(/^NOT VALID: the signature does not match/);
    }

    // The key of another site, given with --key, does not check this site's count.
    const other = await importCountSigningKey(await newCountSigningKey());
    const otherKeys = join(dir, 'other-site.json');
    await writeFile(otherKeys, JSON.stringify(wellKnownDocument('https://other.example', [other])));
    const wrongKey = await cli(join(saved, 'count.json'), '--key', otherKeys);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stdout).toContain(`signed with key ${count.keyId}, which the key document does not list`);

    // The site's key by URL checks the saved file too.
    expect((await cli(join(saved, 'count.json'), '--key', `${site.url}/.well-known/undersigned.json`)).code).toBe(0);
  });

  it('trusts no key merely because it was saved beside the count, and names the key it used', async () => {
    // A forger writes a count signed with a key of their own, and that key beside it.
    const forgerKey = await newCountSigningKey();
    const forger = await importCountSigningKey(forgerKey);
    const letter = (await site.store.letterBySlug(SLUG))!;
    const forged = await proveCount({ ...letter, signatureCount: 250_000 }, forger);
    const folder = join(dir, 'forged');
    await mkdir(join(folder, '.well-known'), { recursive: true });
    await writeFile(join(folder, '.well-known', 'undersigned.json'), JSON.stringify(wellKnownDocument(PUBLIC_URL, [forger])));
    await writeFile(join(folder, 'count.json'), JSON.stringify(forged));

    const unpinned = await cli(join(folder, 'count.json'));
    expect(unpinned.code).toBe(2);
    expect(unpinned.stdout).toBe('');
    expect(unpinned.stderr).toContain('a key saved beside it proves nothing');
    expect(unpinned.stderr).toContain('--key-id');

    // Pinned to the site's real key id, the forgery is named for what it is.
    const { keyId } = await json<CountJson>(countPath);
    const pinned = await cli(join(folder, 'count.json'), '--key-id', keyId);
    expect(pinned.code).toBe(1);
    expect(pinned.stdout).toContain(`NOT VALID: the count was signed with key ${forger.id}, not with the pinned key ${keyId}`);
    // Checked against the site's key, the same.
    expect((await cli(join(folder, 'count.json'), '--key', `${site.url}/.well-known/undersigned.json`)).code).toBe(1);
    expect((await cli(join(folder, 'count.json'), '--key-id', 'not-an-id')).code).toBe(2);
  });

  it('prints nothing from a hostile document that a terminal would obey', async () => {
    const count = await json<CountJson>(countPath);
    const siteKey = `${site.url}/.well-known/undersigned.json`;
    const escapes = '\u001b]0;owned\u0007\u001b[2J\u009b31m\u202e';
    const controls = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/;
    // A count whose fields carry terminal escapes and a line of its own.
    const hostile = join(dir, 'hostile.json');
    await writeFile(hostile, JSON.stringify({ ...count, slug: `${SLUG}\u009b2J`, keyId: `${escapes}\nvalid: "${SLUG}" had 1000000 signatures` }));
    const printed = await cli(hostile, '--key', siteKey);
    expect(printed.code).toBe(1);
    expect(printed.stdout).not.toMatch(controls);
    expect(printed.stdout.trim().split('\n')).toHaveLength(1);
    expect(printed.stdout).toContain('\\u{1b}]0;owned\\u{7}');
    // A good count, checked against a key document that lists hostile ids.
    const keys = join(dir, 'hostile-keys.json');
    await writeFile(keys, JSON.stringify({ keys: [{ id: escapes, publicKeyJwk: {} }] }));
    const good = join(dir, 'good.json');
    await writeFile(good, JSON.stringify(count));
    const listed = await cli(good, '--key', keys);
    expect(listed.code).toBe(1);
    expect(listed.stdout).not.toMatch(controls);
    expect(listed.stdout).toContain('\\u{1b}[2J');
  });

  it('answers usage errors with exit 2', async () => {
    expect((await cli()).code).toBe(2);
    expect((await cli('a.json', 'b.json')).code).toBe(2);
    expect((await cli('--bogus', 'a.json')).code).toBe(2);
    // A saved count needs --key (or --key-id for a key beside it).
    const lonely = join(dir, 'lonely.json');
    await writeFile(lonely, JSON.stringify(await json<CountJson>(countPath)));
    const noKey = await cli(lonely);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('--key');

    // Not a count at all: not valid, naming what is missing.
    const empty = join(dir, 'empty.json');
    await writeFile(empty, '{}');
    const notCount = await cli(empty, '--key', `${site.url}/.well-known/undersigned.json`);
    expect(notCount.code).toBe(1);
    expect(notCount.stdout).toMatch(/^NOT VALID: this is not a signed count: slug, count, updatedAt, textSha256, keyId, signature are missing/);
  });

  it('carries the proof of shields.json in a header, leaving the body as shields.io wants it', async () => {
    const res = await site.fetch(`/api/letters/${SLUG}/shields.json`);
    expect(Object.keys(await res.json())).toEqual(['schemaVersion', 'label', 'message', 'color']);
    expect(res.headers.get('access-control-expose-headers')).toContain('Undersigned-Count-Proof');
    const proof = decodeProofHeader(res.headers.get('undersigned-count-proof') ?? '');
    const document = await json<WellKnown>('/.well-known/undersigned.json');
    expect(await verifyCount(proof, document.keys[0]!.publicKeyJwk)).toMatchObject({ valid: true, slug: SLUG, count: 25 });

    const result = await cli(`${site.url}/api/letters/${SLUG}/shields.json?label=signed`);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('25 signatures');
  });

  it('signs every event of the live stream like the count JSON', async () => {
    const stream = await openStream(`${site.url}${countPath}/stream`);
    try {
      await stream.countOf(25);
      const document = await json<WellKnown>('/.well-known/undersigned.json');
      expect(await verifyCount(stream.counts.at(-1), document.keys[0]!.publicKeyJwk)).toMatchObject({ valid: true, count: 25 });
    } finally {
      stream.close();
    }
  });

  it('signs the new text hash when the letter is edited, under a new ETag', async () => {
    const before = await site.fetch(countPath);
    const { textSha256 } = (await before.json()) as CountJson;
    const token = await site.organizerToken();
    const edited = await site.fetch(`/api/admin/letters/${SLUG}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'A corrected text.' }),
    });
    expect(edited.status).toBe(200);
    const after = await site.fetch(countPath);
    const count = (await after.json()) as CountJson;
    expect(count.count).toBe(25);
    expect(count.textSha256).not.toBe(textSha256);
    expect(count.textSha256).toBe(createHash('sha256').update(signedLetterText((await site.store.letterBySlug(SLUG))!)).digest('hex'));
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect((await cli(`${site.url}${countPath}`)).code).toBe(0);
  });

  it('keeps its key across a restart on the same database, so saved counts still check', async () => {
    const keys = await json<WellKnown>('/.well-known/undersigned.json');
    const count = await json<CountJson>(countPath);
    await site.close();
    site = await startSite({ databaseUrl });
    expect(await json<WellKnown>('/.well-known/undersigned.json')).toEqual(keys);
    // Same key, same count, same time, same text: the very same signature.
    expect(await json<CountJson>(countPath)).toEqual(count);
    const saved = join(dir, 'before-restart.json');
    await writeFile(saved, JSON.stringify(count));
    expect((await cli(saved, '--key', `${site.url}/.well-known/undersigned.json`)).code).toBe(0);
  });
});
