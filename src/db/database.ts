import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import type * as schema from './schema.ts';

/** The drizzle database the store runs on. */
export type Database = LibSQLDatabase<typeof schema>;
