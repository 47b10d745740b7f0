import type { SQL } from 'drizzle-orm';
import type { Actor } from '../../domain/entities.ts';
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
  return db.insert(auditLog).values({
    at: entry.at,
    actor: entry.actor.name,
    action: entry.action,
    letterId: entry.letterId,
    detail: entry.detail ?? {},
  });
}
