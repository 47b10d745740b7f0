import type { ListReleaseStore } from '../../domain/store.ts';
import type { SqlBatch } from '../sql-batch.ts';

// Raw for json_each: each statement takes a letter's thresholds as one JSON parameter, however many
// there are, which the query builder cannot write.

/**
 * Counted signatures grouped by who could have made them together: one group per email domain, and
 * each signature at a free-mail provider (no domain key) alone, by its mailbox or, once anonymised,
 * by its row. Each cap then sums the groups, none counting above it.
 */
const BY_DISTINCT_DOMAINS = `
  WITH groups AS (
    SELECT count(*) AS n FROM signatures
    WHERE letter_id = ?1 AND status = 'verified' AND hidden = 0
    GROUP BY coalesce(domain_key, email_key, id))
  SELECT c.key AS i, (SELECT coalesce(sum(min(n, c.value)), 0) FROM groups) AS support
  FROM json_each(?2) c`;

const REACH = `
  INSERT INTO list_releases (letter_id, threshold, reached_at)
  SELECT ?1, value, ?3 FROM json_each(?2) WHERE true
  ON CONFLICT (letter_id, threshold) DO NOTHING`;
const RELEASE = `
  UPDATE list_releases SET released_at = ?2
  WHERE letter_id = ?1 AND released_at IS NULL AND reached_at <= ?3`;
const UNREACH = `
  DELETE FROM list_releases
  WHERE letter_id = ?1 AND threshold NOT IN (SELECT value FROM json_each(?2))`;

export function listReleaseCountStore(batch: SqlBatch): Omit<ListReleaseStore, 'lettersWithThresholds'> {
  return {
    async countsByDistinctDomains(letterId, caps) {
      const [rows = []] = await batch([{ sql: BY_DISTINCT_DOMAINS, args: [letterId, JSON.stringify(caps)] }]);
      const counts = caps.map(() => 0);
      for (const row of rows) counts[Number(row.i)] = Number(row.support);
      return counts;
    },

    async updateListReleases(letterId, reached, now, delayMs) {
      const at = now.getTime();
      const thresholds = JSON.stringify(reached);
      await batch([
        { sql: UNREACH, args: [letterId, thresholds] },
        { sql: REACH, args: [letterId, thresholds, at] },
        { sql: RELEASE, args: [letterId, at, at - delayMs] },
      ]);
    },
  };
}
