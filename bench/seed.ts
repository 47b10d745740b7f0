import { randomBytes } from 'node:crypto';
import { openDatabase } from '../src/db/libsql.node.ts';
import { ensureSampleLetter, SAMPLE_LETTER } from '../src/db/sample-letter.ts';
import { linkTokenKey, newLinkToken } from '../src/domain/tokens.ts';
import { nodeHashing } from '../src/node-hashing.node.ts';

export const SLUG = SAMPLE_LETTER.slug;

/** A migrated database file with the sample letter, for a server to start on. */
export async function prepareDatabase(databaseUrl: string) {
  const { db, client } = await openDatabase(databaseUrl);
  await ensureSampleLetter(db, new Date());
  return client;
}

/**
 * `count` verified, listed signatures (the triggers count them as they go in), each with a dedup key
 * as random as a real one (an HMAC): a new signing then looks up and adds its key in an index of
 * `count` of them, as it would on a letter with that many signers.
 */
export async function seedSignatures(databaseUrl: string, count: number) {
  const client = await prepareDatabase(databaseUrl);
  const now = Date.now();
  for (let done = 0; done < count; done += 100_000) {
    const n = Math.min(100_000, count - done);
    await client.execute({
      sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
            INSERT INTO signatures (letter_id, status, name, email, email_key, organisation, city, listed, notable, lang,
                                    mail_window_start, mail_window_count, created_at, verified_at, signatory_number)
            SELECT (SELECT id FROM letters WHERE slug = ?), 'verified', 'Signer ' || CAST(i + ? AS INTEGER),
                   'signer' || CAST(i + ? AS INTEGER) || '@example.org', lower(hex(randomblob(32))),
                   'Organisation ' || (i % 500), 'Minsk', 1, (i + ?) % 10000 = 0,
                   'en', 0, 1, ? + i + ?, ? + i + ?, i + ? FROM n`,
      args: [n, SLUG, done, done, done, now, done, now, done, done],
    });
  }
  client.close();
}

/** `count` pending signatures with a live confirm link each; returns the links' tokens. */
export async function seedPending(databaseUrl: string, count: number): Promise<string[]> {
  const client = await prepareDatabase(databaseUrl);
  const tokens: string[] = [];
  const expires = Date.now() + 7 * 24 * 3600 * 1000;
  const letter = (await client.execute({ sql: 'SELECT id FROM letters WHERE slug = ?', args: [SLUG] })).rows[0]!.id as number;
  const first = Number((await client.execute('SELECT coalesce(max(id), 0) AS id FROM signatures')).rows[0]!.id) + 1;
  for (let done = 0; done < count; done += 1000) {
    const statements = [];
    for (let i = done; i < Math.min(done + 1000, count); i++) {
      const token = newLinkToken(new Date());
      tokens.push(token);
      statements.push(
        {
          sql: `INSERT INTO signatures (id, letter_id, status, name, email, email_key, listed, lang, mail_window_start, created_at)
                VALUES (?, ?, 'pending', ?, ?, ?, 1, 'en', 0, 0)`,
          args: [first + i, letter, `Pending ${i}`, `pending${i}@example.org`, randomBytes(32).toString('hex')],
        },
        {
          sql: "INSERT INTO tokens (hash, signature_id, purpose, expires_at) VALUES (?, ?, 'verify', ?)",
          args: [await linkTokenKey(nodeHashing, token), first + i, expires],
        },
      );
    }
    await client.batch(statements, 'write');
  }
  client.close();
  return tokens;
}
