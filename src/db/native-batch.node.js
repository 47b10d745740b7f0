// @ts-check
// JavaScript with checked JSDoc types, not TypeScript: the write thread (batch-worker.node.js) loads
// this module, and on Node 20 a worker thread starts without the TypeScript loader (tsx) its parent
// has (tsx's register() can add it there, in memory of its own).
import Database from 'libsql';
import { connectionPragmas } from './pragmas.js';

/** @typedef {import('./sql-batch.ts').Row} Row */
/** @typedef {import('./sql-batch.ts').SqlBatch} SqlBatch */
/** @typedef {ReturnType<InstanceType<typeof Database>['prepare']>} Prepared */

const MAX_STATEMENTS = 200;

/**
 * The SqlBatch of a local database file, on a connection of its own that keeps its statements
 * prepared: the hot paths run the same few statements thousands of times a second, and preparing
 * one costs more than running it. Its transactions never overlap with another connection's of the
 * same thread (both run synchronously on it); on another thread or process, the busy timeout waits.
 *
 * @param {string} path
 * @returns {{ batch: SqlBatch, run(statements: import('./sql-batch.ts').Statement[]): Row[][], close(): void }}
 */
export function nativeBatch(path) {
  const db = new Database(path);
  for (const pragma of connectionPragmas({ localFile: true })) db.exec(pragma);
  /** @type {Map<string, { st: Prepared, columns: string[] }>} */
  const cache = new Map();
  /** @param {string} sql */
  const statement = (sql) => {
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
  /**
   * Runs the statements as one transaction, synchronously.
   * @param {import('./sql-batch.ts').Statement[]} statements
   * @returns {Row[][]}
   */
  const run = (statements) => {
    const prepared = statements.map(({ sql }) => statement(sql));
    // A read needs no write lock: another connection may be writing meanwhile.
    db.exec(prepared.every(({ st }) => st.readonly) ? 'BEGIN' : 'BEGIN IMMEDIATE');
    try {
      const results = statements.map(({ args }, i) => {
        const { st, columns } = /** @type {{ st: Prepared, columns: string[] }} */ (prepared[i]);
        if (!st.reader) {
          st.run(args);
          return [];
        }
        /** @type {Row[]} */
        const rows = [];
        for (const values of /** @type {Iterable<unknown[]>} */ (st.iterate(args))) {
          /** @type {Row} */
          const row = {};
          for (let c = 0; c < columns.length; c++) row[/** @type {string} */ (columns[c])] = values[c];
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
