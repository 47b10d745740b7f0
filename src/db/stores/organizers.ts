import { and, asc, eq, gt, isNull, lte } from 'drizzle-orm';
import type { OrganizerStore } from '../../domain/store.ts';
import type { Database } from '../database.ts';
import { organizers, sessions } from '../schema.ts';
import { auditStatement } from './audit.ts';

export function organizerStore(db: Database): OrganizerStore {
  return {
    async createOrganizer(name, tokenHash, actor, now) {
      const [[created]] = await db.batch([
        db.insert(organizers).values({ name, tokenHash, createdAt: now }).returning({ id: organizers.id, name: organizers.name }),
        auditStatement(db, { actor, action: 'organizer_create', letterId: null, detail: { name }, at: now }),
      ]);
      return created!;
    },

    organizers: async () =>
      db
        .select({ id: organizers.id, name: organizers.name, createdAt: organizers.createdAt, revokedAt: organizers.revokedAt })
        .from(organizers)
        .orderBy(asc(organizers.id)),

    async revokeOrganizer(id, actor, now) {
      const [revoked] = await db.batch([
        db
          .update(organizers)
          .set({ revokedAt: now })
          .where(and(eq(organizers.id, id), isNull(organizers.revokedAt)))
          .returning({ id: organizers.id }),
        db.delete(sessions).where(eq(sessions.organizerId, id)),
        auditStatement(db, { actor, action: 'organizer_revoke', letterId: null, detail: { organizerId: id }, at: now }),
      ]);
      return revoked.length > 0;
    },

    organizerByTokenHash: async (tokenHash) =>
      (
        await db
          .select({ id: organizers.id, name: organizers.name, tokenHash: organizers.tokenHash })
          .from(organizers)
          .where(and(eq(organizers.tokenHash, tokenHash), isNull(organizers.revokedAt)))
      )[0],

    async createSession(tokenHash, organizerId, expiresAt, now) {
      await db.batch([
        db.delete(sessions).where(lte(sessions.expiresAt, now)),
        db.insert(sessions).values({ tokenHash, organizerId, expiresAt }),
      ]);
    },

    sessionOrganizer: async (tokenHash, now) =>
      (
        await db
          .select({ id: organizers.id, name: organizers.name })
          .from(sessions)
          .innerJoin(organizers, eq(organizers.id, sessions.organizerId))
          .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), isNull(organizers.revokedAt)))
      )[0],

    async deleteSession(tokenHash) {
      await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    },
  };
}
