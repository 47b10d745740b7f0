import { eq } from 'drizzle-orm';
import type { Database } from './database.ts';
import { settings } from './schema.ts';

/**
 * The site secret kept in the database: made once by the first process that asks (`generate`), and
 * the same for every process after it, so email keys stay stable across restarts and instances.
 */
export async function storedSecret(db: Database, generate: () => string): Promise<string> {
  const [, rows] = await db.batch([
    db.insert(settings).values({ key: 'secret', value: generate() }).onConflictDoNothing(),
    db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'secret')),
  ]);
  const secret = rows[0]?.value;
  if (!secret) throw new Error('the secret could not be stored');
  return secret;
}
