// What the raw statements that show a request's details share (signing.ts, outbox-claim.ts).

/**
 * A signature's details as a verify token `t` gives them: the token's own request's while it holds
 * them (its `name` is set then, as every request has one), else the signature's (a withdraw link, a
 * used confirm link, or one made before tokens carried their request).
 */
export const requestDetail = (column: string, signature: string) =>
  `CASE WHEN t.name IS NULL THEN ${signature}.${column} ELSE t.${column} END`;

/** The details a mail and a confirm page show, as SELECT columns. */
export const requestDetailColumns = (signature: string, columns: string[]) =>
  columns.map((column) => `${requestDetail(column, signature)} AS ${column}`).join(', ');
