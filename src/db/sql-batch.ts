/** One SQL statement with positional (?) parameters. */
export interface Statement {
  sql: string;
  args: (string | number | null)[];
}

/** Rows as column name → value. */
export type Row = Record<string, unknown>;

/**
 * Runs statements as one transaction and returns each one's rows: the least a database must offer
 * for the hot paths (signing, confirming), which skip the query builder and batch many requests'
 * statements into one commit. libSQL's client and D1 both have it.
 */
export type SqlBatch = (statements: Statement[]) => Promise<Row[][]>;

/** The SqlBatch of a @libsql/client client (a local file, or a libSQL server / Turso). */
export function libsqlBatch(client: {
  batch(statements: Statement[], mode: 'write'): Promise<{ rows: ArrayLike<unknown>[]; columns: string[] }[]>;
}): SqlBatch {
  return async (statements) => {
    const results = await client.batch(statements, 'write');
    return results.map(({ rows, columns }) =>
      Array.from(rows, (row) => Object.fromEntries(columns.map((column, i) => [column, (row as unknown[])[i]]))),
    );
  };
}

/** The SqlBatch of a D1 binding. */
export function d1Batch(d1: {
  prepare(sql: string): { bind(...args: unknown[]): unknown };
  batch(statements: unknown[]): Promise<{ results?: Row[] }[]>;
}): SqlBatch {
  return async (statements) => {
    const results = await d1.batch(statements.map((s) => d1.prepare(s.sql).bind(...s.args)));
    return results.map((r) => r.results ?? []);
  };
}

/**
 * Group commit: statements from requests that arrive within a short window, or while a batch is
 * being written, go together in the next batch: one transaction and one disk sync for all of them.
 * Under load that turns a few thousand commits a second into many more rows. If a combined batch
 * fails, each request's statements are retried alone, so one request cannot fail another.
 */
export function groupCommit(
  batch: SqlBatch,
  options: { windowMs?: number; maxGroup?: number } = {},
): (statements: Statement[]) => Promise<Row[][]> {
  const { windowMs = 2, maxGroup = 500 } = options;
  type Waiting = { statements: Statement[]; resolve: (rows: Row[][]) => void; reject: (error: unknown) => void };
  let queue: Waiting[] = [];
  let writing = false;
  let scheduled = false;
  // The first request of a group waits a moment for the others in flight (they are still hashing
  // their tokens): a couple of milliseconds of latency buys one disk sync for all of them.
  const schedule = () => {
    if (scheduled || writing) return;
    scheduled = true;
    setTimeout(() => void write(), windowMs);
  };

  const write = async () => {
    scheduled = false;
    writing = true;
    while (queue.length > 0) {
      const group = queue.slice(0, maxGroup);
      queue = queue.slice(group.length);
      try {
        const rows = await batch(group.flatMap((w) => w.statements));
        let offset = 0;
        for (const w of group) {
          w.resolve(rows.slice(offset, offset + w.statements.length));
          offset += w.statements.length;
        }
      } catch {
        for (const w of group) await batch(w.statements).then(w.resolve, w.reject);
      }
    }
    writing = false;
  };

  return (statements) =>
    new Promise((resolve, reject) => {
      queue.push({ statements, resolve, reject });
      schedule();
    });
}
