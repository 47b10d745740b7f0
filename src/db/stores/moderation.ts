import { and, desc, eq, inArray, lt, ne } from 'drizzle-orm';
import type { ModerationAction } from '../../domain/entities.ts';
import type { ModerationStore } from '../../domain/store.ts';
import type { Database } from '../database.ts';
import { auditLog, letters, signatures } from '../schema.ts';
import { auditStatement } from './audit.ts';
import { searchCondition, stateCondition } from './signature-filters.ts';

const CHANGES: Record<ModerationAction, (note: string | null) => { hidden: boolean } | { notable: boolean; notableNote: string | null }> = {
  hide: () => ({ hidden: true }),
  unhide: () => ({ hidden: false }),
  notable: (note) => ({ notable: true, notableNote: note }),
  unnotable: () => ({ notable: false, notableNote: null }),
};

export const adminSignatureColumns = {
  id: signatures.id,
  status: signatures.status,
  hidden: signatures.hidden,
  notable: signatures.notable,
  notableNote: signatures.notableNote,
  listed: signatures.listed,
  listThreshold: signatures.listThreshold,
  emailDomain: signatures.emailDomain,
  name: signatures.name,
  email: signatures.email,
  title: signatures.title,
  organisation: signatures.organisation,
  city: signatures.city,
  createdAt: signatures.createdAt,
  verifiedAt: signatures.verifiedAt,
};

export function moderationStore(db: Database): Omit<ModerationStore, 'publicSignatures' | 'waitingForThreshold'> {
  return {
    findSignatures: async (letterId, filter) =>
      db
        .select(adminSignatureColumns)
        .from(signatures)
        .where(
          and(
            eq(signatures.letterId, letterId),
            stateCondition(filter.state),
            searchCondition(filter.query),
            filter.before !== undefined ? lt(signatures.id, filter.before) : undefined,
          ),
        )
        .orderBy(desc(signatures.id))
        .limit(filter.limit),

    async moderate(letterId, ids, { action, note }, actor, now) {
      const change = CHANGES[action](note);
      const [column, value] = Object.entries(change)[0] as ['hidden' | 'notable', boolean];
      const [changed] = await db.batch([
        // The count triggers see hidden change and move the count in this same transaction.
        db
          .update(signatures)
          .set(change)
          .where(
            and(
              eq(signatures.letterId, letterId),
              inArray(signatures.id, ids),
              // Marking notable again replaces the note.
              action === 'notable' ? undefined : ne(signatures[column], value),
              ne(signatures.status, 'withdrawn'),
            ),
          )
          .returning({ id: signatures.id }),
        auditStatement(db, { actor, action: `signature_${action}`, letterId, detail: { ids, ...(note && { note }) }, at: now }),
      ]);
      return changed.length;
    },

    auditLog: async ({ letterId, limit }) =>
      db
        .select({
          id: auditLog.id,
          at: auditLog.at,
          actor: auditLog.actor,
          action: auditLog.action,
          letter: letters.slug,
          detail: auditLog.detail,
        })
        .from(auditLog)
        .leftJoin(letters, eq(letters.id, auditLog.letterId))
        .where(letterId === undefined ? undefined : eq(auditLog.letterId, letterId))
        .orderBy(desc(auditLog.id))
        .limit(limit),

    async recordAudit(entry) {
      await db.insert(auditLog).values(entry);
    },
  };
}
