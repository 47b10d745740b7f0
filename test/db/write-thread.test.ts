import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeThreadBatch } from '../../src/db/write-thread.node.ts';
import { isUniqueViolation } from '../../src/db/errors.ts';
import { nativeBatch } from '../../src/db/native-batch.node.ts';

// The server's writes run on a thread of their own: what they commit, and how they fail, must be
// what the same batches do on the server's own thread.
describe('the database write thread', () => {
  let dir = '';
  let path = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'undersigned-thread-'));
    path = join(dir, 'db.sqlite');
    const setup = nativeBatch(path);
    await setup.batch([{ sql: 'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE)', args: [] }]);
    setup.close();
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('commits a batch before it answers, and returns each statement its rows', async () => {
    const thread = writeThreadBatch(path);
    const [inserted, rows] = await thread.batch([
      { sql: 'INSERT INTO t (name) VALUES (?), (?) RETURNING id', args: ['a', 'b'] },
      { sql: 'SELECT name FROM t ORDER BY id', args: [] },
    ]);
    expect(inserted).toHaveLength(2);
    expect(rows).toEqual([{ name: 'a' }, { name: 'b' }]);
    // Another connection sees the commit as soon as the answer is in.
    const other = nativeBatch(path);
    expect((await other.batch([{ sql: 'SELECT count(*) AS n FROM t', args: [] }]))[0]).toEqual([{ n: 2 }]);
    other.close();
    await thread.close();
  });

  it('rolls back a failed batch whole and reports the database error', async () => {
    const thread = writeThreadBatch(path);
    await thread.batch([{ sql: 'INSERT INTO t (name) VALUES (?)', args: ['a'] }]);
    const failed = thread.batch([
      { sql: 'INSERT INTO t (name) VALUES (?)', args: ['b'] },
      { sql: 'INSERT INTO t (name) VALUES (?)', args: ['a'] },
    ]);
    await expect(failed).rejects.toSatisfy(isUniqueViolation);
    expect((await thread.batch([{ sql: 'SELECT name FROM t', args: [] }]))[0]).toEqual([{ name: 'a' }]);
    await thread.close();
  });

  it('commits batches sent together, and fails only the one that fails', async () => {
    const thread = writeThreadBatch(path);
    // Sent at once, they reach the thread together and are tried as one transaction first.
    const results = await Promise.allSettled(
      ['x', 'x', 'y'].map((name) => thread.batch([{ sql: 'INSERT INTO t (name) VALUES (?) RETURNING name', args: [name] }])),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[0]).toEqual({ status: 'fulfilled', value: [[{ name: 'x' }]] });
    expect(results[2]).toEqual({ status: 'fulfilled', value: [[{ name: 'y' }]] });
    expect((await thread.batch([{ sql: 'SELECT name FROM t ORDER BY name', args: [] }]))[0]).toEqual([{ name: 'x' }, { name: 'y' }]);
    await thread.close();
  });

  it('answers batches sent after it closed with an error instead of leaving them waiting', async () => {
    const thread = writeThreadBatch(path);
    await thread.close();
    await expect(thread.batch([{ sql: 'SELECT 1', args: [] }])).rejects.toThrow(/stopped/);
  });
});
