import { once } from 'node:events';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { EventStream, OpenEventStream } from './event-stream.ts';
import { madeWithHeaders } from './security-headers.ts';

/**
 * Event streams written straight to Node's response. hono's streamSSE puts a web TransformStream and
 * its reader between the two, and each open stream then held about 40 KB of heap: 200 MB for 5,000
 * watchers, all of it marked again by every full collection while the letter was being read and
 * signed. Written directly, a watcher costs its socket and a few closures.
 */
export const nodeEventStream: OpenEventStream = (c, headers, serve) => {
  const { outgoing } = c.env as HttpBindings;
  outgoing.writeHead(200, { ...headers, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  outgoing.flushHeaders();
  const closed = once(outgoing, 'close').then(() => undefined);
  const stream: EventStream = {
    closed,
    get open() {
      return !outgoing.destroyed && !outgoing.writableEnded;
    },
    write: (text) => (outgoing.write(text) ? Promise.resolve() : Promise.race([once(outgoing, 'drain').then(() => undefined), closed])),
  };
  // A failure ends the stream; the browser's EventSource opens a new one by itself.
  serve(stream).then(
    () => outgoing.end(),
    (error: unknown) => outgoing.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return madeWithHeaders(RESPONSE_ALREADY_SENT);
};
