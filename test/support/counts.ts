import { rows, SLUG, type Site } from './site.ts';

/** The letter's stored count and listed count beside the rows they count. */
export async function storedAndActual(site: Site, slug = SLUG) {
  const [row] = await rows(
    site,
    `SELECT l.signature_count AS stored, l.listed_count AS listedStored,
            (SELECT count(*) FROM signatures s WHERE s.letter_id = l.id AND s.status = 'verified' AND s.hidden = 0) AS actual,
            (SELECT count(*) FROM signatures s WHERE s.letter_id = l.id AND s.status = 'verified' AND s.hidden = 0
               AND s.listed = 1) AS listedActual
     FROM letters l WHERE l.slug = ?`,
    [slug],
  );
  return row as unknown as { stored: number; actual: number; listedStored: number; listedActual: number };
}
