// @ts-check
// The thread batch-thread.node.ts starts: runs the batches it is sent on a connection of its own, so
// that statements and the disk sync of each commit take no time from the thread that serves HTTP.
//
// It is also where group commit happens on Node: the batches that arrive while one is being written
// go together into the next, one transaction and one disk sync for all of them. Grouping here rather
// than on the sending thread means the next group is ready the moment a commit ends, however busy
// that thread is. If a combined group fails, each batch in it is retried alone, so one cannot fail
// another.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { nativeBatch } from './native-batch.node.js';

/** @typedef {{ id: number, statements: import('./sql-batch.ts').Statement[] }} Request */

const MAX_GROUP = 500;
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
const { run, close } = nativeBatch(workerData.path);
/** @type {Request[]} */
const queue = [];
let closing = false;

/** @param {Request | { close: true }} message */
function take(message) {
  if ('close' in message) closing = true;
  else queue.push(message);
}

/** @param {unknown} error */
const messageOf = (error) => (error instanceof Error ? error.message : String(error));

port.on('message', (message) => {
  take(message);
  for (;;) {
    // Each message's handler runs to its end before the next is handed over, so the ones already
    // waiting are taken from the port here, to join the next group.
    for (let next; (next = receiveMessageOnPort(port)); ) take(next.message);
    if (queue.length === 0) break;
    write(queue.splice(0, MAX_GROUP));
  }
  if (closing) {
    close();
    port.close();
  }
});

/** @param {Request[]} group */
function write(group) {
  try {
    const rows = run(group.flatMap((request) => request.statements));
    let offset = 0;
    for (const { id, statements } of group) {
      port.postMessage({ id, rows: rows.slice(offset, (offset += statements.length)) });
    }
  } catch (error) {
    if (group.length === 1) return port.postMessage({ id: group[0]?.id, error: messageOf(error) });
    for (const request of group) write([request]);
  }
}
