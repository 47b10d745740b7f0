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

/** A batch waiting to share a transaction with others, and where its answer goes. */
export interface Waiting {
  statements: Statement[];
  resolve(rows: Row[][]): void;
  reject(error: unknown): void;
}

/**
 * Group commit: the waiting batches go together as one transaction, one disk sync for all of them,
 * and each is answered with its own statements' rows: under load, many requests' rows per disk sync
 * instead of one. If the combined transaction fails, each batch is retried alone, so one cannot fail
 * another. Both groupCommit and Node's write thread (write-thread-main.node.ts) group this way.
 */
export async function commitTogether(group: Waiting[], batch: SqlBatch): Promise<void> {
  try {
    const rows = await batch(group.flatMap((w) => w.statements));
    let offset = 0;
    for (const w of group) w.resolve(rows.slice(offset, (offset += w.statements.length)));
  } catch (error) {
    if (group.length === 1) return group[0]!.reject(error);
    for (const w of group) await batch(w.statements).then(w.resolve, w.reject);
  }
}

/**
 * The SqlBatch that commits together (see commitTogether) the batches that arrive within a short
 * window, or while a group is being written.
 */
export function groupCommit(batch: SqlBatch, options: { windowMs?: number; maxGroup?: number } = {}): SqlBatch {
  const { windowMs = 2, maxGroup = 500 } = options;
  const queue: Waiting[] = [];
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
    while (queue.length > 0) await commitTogether(queue.splice(0, maxGroup), batch);
    writing = false;
  };

  return (statements) =>
    new Promise((resolve, reject) => {
      queue.push({ statements, resolve, reject });
      schedule();
    });
}
