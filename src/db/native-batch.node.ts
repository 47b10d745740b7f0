import Database from 'libsql';
import { connectionPragmas } from './pragmas.ts';
import type { Row, SqlBatch, Statement } from './sql-batch.ts';

type Prepared = ReturnType<InstanceType<typeof Database>['prepare']>;

const MAX_STATEMENTS = 200;

/**
 * The SqlBatch of a local database file, on a connection of its own that keeps its statements
 * prepared: the hot paths run the same few statements thousands of times a second, and preparing
 * one costs more than running it. Its transactions never overlap with another connection's of the
 * same thread (both run synchronously on it); on another thread or process, the busy timeout waits.
 */
export function nativeBatch(path: string): { batch: SqlBatch; run(statements: Statement[]): Row[][]; close(): void } {
  const db = new Database(path);
  for (const pragma of connectionPragmas({ localFile: true })) db.exec(pragma);
  const cache = new Map<string, { st: Prepared; columns: string[] }>();
  const statement = (sql: string) => {
    let prepared = cache.get(sql);
    if (!prepared) {
      if (cache.size >= MAX_STATEMENTS) cache.clear();
      const st = db.prepare(sql);
      // Rows come as arrays and are made objects here: cheaper than libsql's own objects, which
      // counts when an export reads a million of them (docs/performance.md#export-memory).
      prepared = { st: st.reader ? st.raw(true) : st, columns: st.reader ? st.columns().map((c) => c.name) : [] };
      cache.set(sql, prepared);
    }
    return prepared;
  };
  /** Runs the statements as one transaction, synchronously. */
  const run = (statements: Statement[]): Row[][] => {
    const prepared = statements.map(({ sql }) => statement(sql));
    // A read needs no write lock: another connection may be writing meanwhile.
    db.exec(prepared.every(({ st }) => st.readonly) ? 'BEGIN' : 'BEGIN IMMEDIATE');
    try {
      const results = statements.map(({ args }, i) => {
        const { st, columns } = prepared[i]!;
        if (!st.reader) {
          st.run(args);
          return [];
        }
        const rows: Row[] = [];
        for (const values of st.iterate(args) as Iterable<unknown[]>) {
          const row: Row = {};
          for (let c = 0; c < columns.length; c++) row[columns[c]!] = values[c];
          rows.push(row);
        }
        return rows;
      });
      db.exec('COMMIT');
      return results;
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  };
  return {
    batch: async (statements) => run(statements),
    run,
    close: () => db.close(),
  };
}
