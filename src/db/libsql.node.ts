import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
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
    const reason = withoutCredentials(error instanceof Error ? error.message : String(error), url, authToken);
    throw new StartError(`Cannot open the database ${local ? file : databaseName(url)} (DATABASE_URL): ${reason}`);
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

/**
 * A DATABASE_URL as it may be shown: a server's without the credentials a URL can carry (user,
 * password, `authToken`), a local file's with the full path it names from the working directory.
 */
export function databaseName(url: string = DEFAULT_DATABASE_URL): string {
  if (url.startsWith('file:')) {
    const path = url.replace(/^file:(\/\/)?/, '').split('?')[0] ?? '';
    return path.startsWith(':memory:') || isAbsolute(path) ? url : `${url} (${resolve(path)})`;
  }
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  parsed.searchParams.delete('authToken');
  return parsed.href;
}

/**
 * `text` without the credentials of `url` and without `authToken`: the database driver's errors quote
 * the URL they failed on, user and password included, and a start error is printed for all to read.
 */
function withoutCredentials(text: string, url: string, authToken: string | undefined): string {
  const secrets = [authToken];
  try {
    const { password, searchParams } = new URL(url);
    secrets.push(password, safeDecode(password), searchParams.get('authToken') ?? undefined);
  } catch {
    // Not a URL: no part of it to look for.
  }
  let shown = text.replace(/\/\/[^\s/?#]*@/g, '//');
  for (const secret of secrets) if (secret) shown = shown.replaceAll(secret, '[hidden]');
  return shown;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
