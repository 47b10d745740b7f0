import { and, asc, desc, eq, gte, isNotNull, sql } from 'drizzle-orm';
import type { AffiliationStore } from '../../domain/store.ts';
import type { Database } from '../database.ts';
import { domainOrganisations, signatures } from '../schema.ts';
import { auditStatement } from './audit.ts';

export function affiliationStore(db: Database): AffiliationStore {
  return {
    async domainCounts(letterId, min) {
      const signers = sql<number>`count(*)`;
      const rows = await db
        .select({ domain: signatures.emailDomain, organisation: domainOrganisations.organisation, signers })
        .from(signatures)
        .leftJoin(domainOrganisations, eq(domainOrganisations.domain, signatures.emailDomain))
        .where(
          and(
            eq(signatures.letterId, letterId),
            sql`${signatures.status} = 'verified' AND ${signatures.hidden} = 0`,
            isNotNull(signatures.emailDomain),
          ),
        )
        .groupBy(signatures.emailDomain)
        .having(gte(signers, min))
        .orderBy(desc(signers), asc(signatures.emailDomain));
      return rows.map((row) => ({ domain: row.domain!, organisation: row.organisation, signers: Number(row.signers) }));
    },

    domainOrganisations: async () =>
      db
        .select({ domain: domainOrganisations.domain, organisation: domainOrganisations.organisation })
        .from(domainOrganisations)
        .orderBy(asc(domainOrganisations.domain)),

    async setDomainOrganisation(domain, organisation, actor, now) {
      const change =
        organisation === null
          ? db.delete(domainOrganisations).where(eq(domainOrganisations.domain, domain))
          : db
              .insert(domainOrganisations)
              .values({ domain, organisation, updatedAt: now })
              .onConflictDoUpdate({ target: domainOrganisations.domain, set: { organisation, updatedAt: now } });
      await db.batch([
        change,
        auditStatement(db, { actor, action: 'domain_organisation', letterId: null, detail: { domain, organisation }, at: now }),
      ]);
    },
  };
}
