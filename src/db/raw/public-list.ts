import type { ListPosition, PublicSignature } from '../../domain/entities.ts';
import type { ModerationStore } from '../../domain/store.ts';
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
 * How a search finds its rows. `few`: from the trigram index's matches, sorted (they are few). `many`:
 * along the list's own partial index in list order, keeping the rows among the matches; with many
 * matches a page is full after a short walk, while with few it would walk the whole list.
 */
type Search = { phrase: string; matches: 'few' | 'many' };
/** Above this many matches a search walks the list instead of sorting its matches. */
const FEW_MATCHES = 2000;

/**
 * A page of the list: one statement per shape (first page or later, searched or not, and how), so
 * each keeps its index plan. Only the parameters a shape names are bound: D1 refuses any others.
 */
function listStatement(letterId: number, limit: number, after: ListPosition | undefined, search: Search | undefined): Statement {
  const args: Statement['args'] = [letterId, limit];
  const where = [PUBLIC, RELEASED];
  if (after) {
    const [notable, verifiedAt, id] = [after.notable ? 1 : 0, after.verifiedAt.getTime(), after.id].map((v) => `?${args.push(v)}`);
    where.push(`(s.notable, s.verified_at, s.id) < (${notable}, ${verifiedAt}, ${id})`);
  }
  const match = search && `signatures_search MATCH ?${args.push(search.phrase)}`;
  if (search?.matches === 'few') where.push(match!, 's.id = f.rowid');
  if (search?.matches === 'many') where.push(`s.id IN (SELECT rowid FROM signatures_search WHERE ${match})`);
  // CROSS JOIN keeps the index's matches as the outer loop.
  const from = search?.matches === 'few' ? 'signatures_search f CROSS JOIN signatures s' : 'signatures s';
  const sql = `
    SELECT s.id, s.name, s.title, s.organisation, s.city, s.email_domain, d.organisation AS domain_organisation,
           s.notable, s.notable_note, s.verified_at
    FROM ${from} LEFT JOIN domain_organisations d ON d.domain = s.email_domain
    WHERE ${where.join(' AND ')}
    ORDER BY s.notable DESC, s.verified_at DESC, s.id DESC
    LIMIT ?2`;
  return { sql, args };
}

/**
 * A search as one FTS5 phrase: quoted, with its quotes doubled, so none of its text (`*`, `-`, `:`,
 * `AND`, `NEAR(`…) is read as query syntax. With the trigram tokenizer a phrase matches wherever the
 * text occurs inside a name or organisation, in any letter case.
 */
function ftsPhrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

// Counts matches only up to the bound: enough to choose the shape, at a bounded cost.
const MATCHES = `SELECT count(*) AS n FROM (SELECT 1 FROM signatures_search WHERE signatures_search MATCH ?1 LIMIT ${FEW_MATCHES + 1})`;

const WAITING = `
  SELECT count(*) AS n FROM signatures s
  WHERE ${PUBLIC} AND s.list_threshold IS NOT NULL AND NOT ${RELEASED}`;

export function publicListStore(read: SqlBatch): Pick<ModerationStore, 'publicSignatures' | 'waitingForThreshold'> {
  return {
    async publicSignatures(letterId, { after, query, limit }) {
      let search: Search | undefined;
      if (query) {
        const phrase = ftsPhrase(query);
        const [[counted] = []] = await read([{ sql: MATCHES, args: [phrase] }]);
        search = { phrase, matches: Number(counted?.n ?? 0) > FEW_MATCHES ? 'many' : 'few' };
      }
      const [rows = []] = await read([listStatement(letterId, limit, after, search)]);
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
