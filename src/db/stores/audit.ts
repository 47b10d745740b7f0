import { is, SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/store.ts';
import type { Database } from '../database.ts';
import { auditLog } from '../schema.ts';

/**
 * The statement that logs an organizer action, to put in the batch that does it. `letterId` and
 * `detail` may be SQL expressions, for what only the batch itself knows.
 */
export function auditStatement(
  db: Database,
  entry: { actor: Actor; action: string; letterId: number | SQL | null; detail?: Record<string, unknown> | SQL; at: Date },
) {
  const detail = is(entry.detail, SQL) ? entry.detail : JSON.stringify(entry.detail ?? {});
  return db.run(sql`
    INSERT INTO ${auditLog} (at, actor, action, letter_id, detail)
    VALUES (${entry.at.getTime()}, ${entry.actor.name}, ${entry.action}, ${entry.letterId}, ${detail})`);
}
