// @ts-check
// The thread batch-thread.node.ts starts: runs the batches it is sent on a connection of its own, so
// that statements and the disk sync of each commit take no time from the thread that serves HTTP.
import { parentPort, workerData } from 'node:worker_threads';
import { nativeBatch } from './native-batch.node.js';

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
const { batch, close } = nativeBatch(workerData.path);

port.on(
  'message',
  /** @param {{ id: number, statements: import('./sql-batch.ts').Statement[] } | { close: true }} message */
  async (message) => {
    if ('close' in message) {
      close();
      port.close();
      return;
    }
    try {
      port.postMessage({ id: message.id, rows: await batch(message.statements) });
    } catch (error) {
      port.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
    }
  },
);
