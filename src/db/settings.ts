import { eq } from 'drizzle-orm';
import { importCountSigningKey, newCountSigningKey, type CountSigningKey } from '../domain/count-proof.ts';
import type { Database } from './database.ts';
import { settings } from './schema.ts';

/**
 * A value the site makes for itself once and keeps in the database: `candidate` is stored unless a
 * value is stored already, and the stored one is returned. Insert and read are one batch, so racing
 * processes (instances starting together) all get the one value that won.
 */
export async function storedSetting(db: Database, key: string, candidate: string): Promise<string> {
  const [, rows] = await db.batch([
    db.insert(settings).values({ key, value: candidate }).onConflictDoNothing(),
    db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)),
  ]);
  const value = rows[0]?.value;
  if (!value) throw new Error(`the setting ${key} could not be stored`);
  return value;
}

/**
 * The site secret kept in the database: made once by the first process that asks (`generate`), and
 * the same for every process after it, so email keys stay stable across restarts and instances.
 */
export async function storedSecret(db: Database, generate: () => string): Promise<string> {
  return storedSetting(db, 'secret', generate());
}

/**
 * The key that signs the site's counts (Ed25519, a private JWK), made once like the secret: the
 * public key at /.well-known/undersigned.json stays the same across restarts and instances, so a
 * count saved today still checks tomorrow.
 */
export async function storedCountKey(db: Database): Promise<CountSigningKey> {
  return importCountSigningKey(await storedSetting(db, 'count_signing_key', await newCountSigningKey()));
}
