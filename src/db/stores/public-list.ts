import type { ListPosition, ModerationStore, PublicSignature } from '../../domain/store.ts';
import type { SqlBatch, Statement } from '../sql-batch.ts';

// The public list is what a viral letter's readers page through: plain SQL on a connection that keeps
// its statements prepared, like the other hot paths. The public conditions are literal, not bound,
// so SQLite can prove the partial indexes `signatures_public_list` and `signatures_waiting` apply.
const PUBLIC = `s.letter_id = ?1 AND s.status = 'verified' AND s.hidden = 0 AND s.listed = 1`;
// The count as it stands in this same read, so a name waiting for its threshold is never shown a
// moment early (a cached count could still be above it just after a withdrawal).
const COUNT = '(SELECT signature_count FROM letters WHERE letters.id = s.letter_id)';
/**
 * A threshold lists its waiting names once released (reached by enough distinct domains, and held
 * for the letter's delay: see updateListReleases) and while the count is at it.
 */
const RELEASED = `(s.list_threshold IS NULL OR (s.list_threshold <= ${COUNT} AND s.list_threshold IN
  (SELECT threshold FROM list_releases WHERE letter_id = ?1 AND released_at IS NOT NULL)))`;

/**
 * A page of the list: one statement per shape (first page or later, searched or not), so each keeps
 * its index plan. Only the parameters a shape names are bound: D1 refuses any others.
 */
function listStatement(letterId: number, limit: number, after: ListPosition | undefined, pattern: string | undefined): Statement {
  const args: Statement['args'] = [letterId, limit];
  const where = [PUBLIC, RELEASED];
  if (after) {
    const [notable, verifiedAt, id] = [after.notable ? 1 : 0, after.verifiedAt.getTime(), after.id].map((v) => `?${args.push(v)}`);
    where.push(`(s.notable, s.verified_at, s.id) < (${notable}, ${verifiedAt}, ${id})`);
  }
  if (pattern) {
    const p = `?${args.push(pattern)}`;
    where.push(`(s.name LIKE ${p} ESCAPE '\\' OR s.organisation LIKE ${p} ESCAPE '\\')`);
  }
  const sql = `
    SELECT s.id, s.name, s.title, s.organisation, s.city, s.email_domain, d.organisation AS domain_organisation,
           s.notable, s.notable_note, s.verified_at
    FROM signatures s LEFT JOIN domain_organisations d ON d.domain = s.email_domain
    WHERE ${where.join(' AND ')}
    ORDER BY s.notable DESC, s.verified_at DESC, s.id DESC
    LIMIT ?2`;
  return { sql, args };
}

const WAITING = `
  SELECT count(*) AS n FROM signatures s
  WHERE ${PUBLIC} AND s.list_threshold IS NOT NULL AND NOT ${RELEASED}`;

export function publicListStore(read: SqlBatch): Pick<ModerationStore, 'publicSignatures' | 'waitingForThreshold'> {
  return {
    async publicSignatures(letterId, { after, query, limit }) {
      // % and _ in a search are taken literally.
      const pattern = query ? `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
      const [rows = []] = await read([listStatement(letterId, limit, after, pattern)]);
      return rows.map((row): PublicSignature => {
        const notable = Boolean(row.notable);
        return {
          name: row.name as string | null,
          title: row.title as string | null,
          organisation: row.organisation as string | null,
          city: row.city as string | null,
          domain: row.email_domain as string | null,
          domainOrganisation: row.domain_organisation as string | null,
          // Never a note without the mark: an unmarked signature shows nothing of a past vetting.
          notableNote: notable ? (row.notable_note as string | null) : null,
          position: { notable, verifiedAt: new Date(Number(row.verified_at)), id: Number(row.id) },
        };
      });
    },

    async waitingForThreshold(letterId) {
      const [[row] = []] = await read([{ sql: WAITING, args: [letterId] }]);
      return Number(row?.n ?? 0);
    },
  };
}
