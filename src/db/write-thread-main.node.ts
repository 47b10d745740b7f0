// The thread write-thread.node.ts starts: runs the batches it is sent on a connection of its own, so
// that statements and the disk sync of each commit take no time from the thread that serves HTTP.
//
// It is also where group commit happens on Node: the batches that arrive while one is being written
// go together into the next (see commitTogether). Grouping here rather than on the sending thread
// means the next group is ready the moment a commit ends, however busy that thread is.
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { nativeBatch } from './native-batch.node.ts';
import { commitTogether, type Row, type Statement, type Waiting } from './sql-batch.ts';

export type BatchRequest = { id: number; statements: Statement[] } | { close: true };
export type BatchReply = { id: number; rows: Row[][] } | { id: number; error: string };

const MAX_GROUP = 500;
const port = parentPort as MessagePort;
const database = nativeBatch((workerData as { path: string }).path);
const queue: Waiting[] = [];
let writing = false;
let closing = false;

const reply = (message: BatchReply) => port.postMessage(message);

function take(message: BatchRequest) {
  if ('close' in message) {
    closing = true;
    return;
  }
  const { id, statements } = message;
  queue.push({
    statements,
    resolve: (rows) => reply({ id, rows }),
    reject: (error) => reply({ id, error: error instanceof Error ? error.message : String(error) }),
  });
}

port.on('message', (message: BatchRequest) => {
  take(message);
  if (!writing) void writeWaiting();
});

// The batches run synchronously on this thread, so the loop never yields to the port's message
// events: the ones that came while a group was written are taken from the port here, to join the next.
async function writeWaiting() {
  writing = true;
  for (;;) {
    for (let next; (next = receiveMessageOnPort(port)); ) take(next.message as BatchRequest);
    if (queue.length === 0) break;
    await commitTogether(queue.splice(0, MAX_GROUP), database.batch);
  }
  writing = false;
  if (closing) {
    database.close();
    port.close();
  }
}
