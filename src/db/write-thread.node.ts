import { Worker } from 'node:worker_threads';
import { WRITE_THREAD_MAIN, FROM_SOURCE } from '../paths.node.ts';
import type { BatchReply, BatchRequest } from './write-thread-main.node.ts';
import type { Row, SqlBatch, Statement } from './sql-batch.ts';

/**
 * The SqlBatch of a local database file, run on a thread of its own (see write-thread-main.node.ts). A
 * commit with synchronous=FULL waits for the disk; on the server's own thread that wait, and the
 * statements before it, would hold up every request in flight, reads included. The thread also groups
 * the batches sent while it writes into one transaction (group commit), so each call may share its
 * transaction with others. An answer is still sent only once its batch is committed: the thread
 * changes where the wait happens, not what it guarantees.
 */
export function writeThreadBatch(path: string): { batch: SqlBatch; close(): Promise<void> } {
  const thread = startThread({ path });
  const waiting = new Map<number, { resolve: (rows: Row[][]) => void; reject: (error: Error) => void }>();
  let next = 0;
  let stopped: Error | undefined;
  const failAll = (error: Error) => {
    stopped ??= error;
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  const send = (request: BatchRequest) => thread.postMessage(request);
  thread.on('message', (message: BatchReply) => {
    const request = waiting.get(message.id);
    waiting.delete(message.id);
    if ('error' in message) request?.reject(new Error(message.error));
    else request?.resolve(message.rows);
  });
  // A thread that fails takes its batches with it: they are answered with an error, never lost silently.
  thread.on('error', failAll);
  thread.on('exit', () => failAll(new Error('The database thread has stopped.')));
  return {
    batch: (statements: Statement[]) =>
      new Promise((resolve, reject) => {
        if (stopped) return reject(stopped);
        const id = next++;
        waiting.set(id, { resolve, reject });
        send({ id, statements });
      }),
    close: () =>
      new Promise((resolve) => {
        thread.once('exit', () => resolve());
        send({ close: true });
      }),
  };
}

/**
 * Built, the thread's module is JavaScript (dist/write-thread.js). From the TypeScript source, the
 * thread registers tsx before it imports its module: on Node 20 a worker thread has none of its
 * parent's module loaders, and ignores `--import tsx` in its execArgv. Tests thereby run the thread's
 * source as it is, not a build of it that could be stale.
 */
function startThread(workerData: { path: string }): Worker {
  if (!FROM_SOURCE) return new Worker(WRITE_THREAD_MAIN, { workerData });
  const start = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(WRITE_THREAD_MAIN.href)}); })`;
  return new Worker(start, { eval: true, workerData });
}
