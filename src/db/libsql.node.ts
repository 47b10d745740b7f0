import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { Database } from './database.ts';
import { MIGRATIONS_DIR } from '../paths.node.ts';
import { StartError } from '../start-error.ts';
import { writeThreadBatch } from './write-thread.node.ts';
import { nativeBatch } from './native-batch.node.ts';
import { connectionPragmas } from './pragmas.ts';
import { libsqlBatch, type SqlBatch } from './sql-batch.ts';
import * as schema from './schema.ts';

/** The database of a Node server or command run without DATABASE_URL: a file beside the project. */
export const DEFAULT_DATABASE_URL = 'file:./data/undersigned.db';

/**
 * Opens the database at `url` (a local file, or a libSQL server / Turso), sets its connection's
 * pragmas (see connectionPragmas) and brings its schema up to date. One that cannot be opened is a
 * StartError, before any migration.
 */
export async function openDatabase(
  url: string | undefined = DEFAULT_DATABASE_URL,
  authToken?: string,
  options: {
    /** Run the hot-path batches of a local file on a thread of their own: for a server under load. */
    writeThread?: boolean;
  } = {},
): Promise<{
  db: Database;
  client: Client;
  batch: SqlBatch;
  read: SqlBatch;
  commit?: SqlBatch;
  /** Moves the write-ahead log into the file and empties it: old copies of deleted rows go with it. */
  checkpoint(): Promise<void>;
  close(): Promise<void>;
}> {
  const local = url.startsWith('file:');
  const file = local ? (url.replace(/^file:(\/\/)?/, '').split('?')[0] ?? '') : '';
  const path = file && !file.startsWith(':memory:') ? file : undefined;
  let client: Client;
  try {
    if (path) mkdirSync(dirname(path), { recursive: true });
    // One connection: the statements are synchronous in-process calls, so more would add no
    // throughput, and the per-connection pragmas below stay in force for everything this client runs.
    client = createClient({ url, authToken, concurrency: local ? 1 : undefined });
    for (const pragma of connectionPragmas({ localFile: local })) await client.execute(pragma);
  } catch (error) {
    // A server's address without the credentials or token it may carry.
    const where = local ? file : url.replace(/\/\/[^@/]*@/, '//').split('?')[0];
    throw new StartError(`Cannot open the database ${where} (DATABASE_URL): ${error instanceof Error ? error.message : String(error)}`);
  }
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  const native = path ? (options.writeThread ? writeThreadBatch(path) : nativeBatch(path)) : undefined;
  // Reads stay on this thread, on a connection of their own (WAL: they never wait for the writer):
  // a read of a few rows costs less than a message to the write thread and back.
  const reader = path && options.writeThread ? nativeBatch(path) : undefined;
  const batch = native?.batch ?? libsqlBatch(client);
  return {
    db,
    client,
    batch,
    read: reader?.batch ?? batch,
    // The write thread groups what it is sent into shared transactions itself.
    ...(options.writeThread && native && { commit: native.batch }),
    async checkpoint() {
      if (local) await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    },
    async close() {
      reader?.close();
      await native?.close();
      client.close();
    },
  };
}
