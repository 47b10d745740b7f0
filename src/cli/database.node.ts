import { parseConfig, type Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { openDatabase } from '../db/libsql.node.ts';
import { createStore } from '../db/store.ts';
import type { Store } from '../domain/store.ts';

export interface CommandDatabase {
  config: Config;
  db: Database;
  store: Store;
}

/**
 * Runs `work` on the database DATABASE_URL names, and closes it after. `env` is the environment
 * with what the command's options add to it (the mirror's --public-url).
 */
export async function withDatabase<T>(work: (database: CommandDatabase) => Promise<T>, env: NodeJS.ProcessEnv = process.env): Promise<T> {
  const config = parseConfig(env);
  const { db, batch, close } = await openDatabase(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN);
  try {
    return await work({ config, db, store: createStore(db, batch) });
  } finally {
    await close();
  }
}
