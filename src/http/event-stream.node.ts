import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { EventStream, OpenEventStream } from './event-stream.ts';
import { markHeadersComplete } from './security-headers.ts';

/**
 * The last event of every stream when the server shuts down: the stream ends because the server
 * goes, not because the letter did; the browser's EventSource opens a new one after `retry`.
 */
const SHUTDOWN_EVENT = 'event: shutdown\ndata: {}\n\n';

/**
 * Event streams written straight to Node's response. hono's streamSSE puts a web TransformStream and
 * its reader between the two, about twice the memory per watcher
 * (docs/performance.md#live-count-streams). `close` ends every stream, open or opened later, with
 * {@link SHUTDOWN_EVENT}.
 */
export function nodeEventStreams(): { open: OpenEventStream; close(): void } {
  const responses = new Set<ServerResponse>();
  let closing = false;
  const open: OpenEventStream = (c, headers, serve) => {
    const { outgoing } = c.env as HttpBindings;
    outgoing.writeHead(200, { ...headers, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    outgoing.flushHeaders();
    responses.add(outgoing);
    const closed = once(outgoing, 'close').then(() => {
      responses.delete(outgoing);
    });
    const stream: EventStream = {
      closed,
      get open() {
        return !outgoing.destroyed && !outgoing.writableEnded;
      },
      // A full buffer is waited out with listeners that go with it: racing 'drain' against `closed`
      // would leave a reaction on that promise for each such write, for as long as the stream is open.
      // A stream ended meanwhile (by close) takes no more writes.
      write: (text) =>
        !stream.open || outgoing.write(text)
          ? Promise.resolve()
          : new Promise<void>((resolve) => {
              const done = () => {
                outgoing.off('drain', done).off('close', done);
                resolve();
              };
              outgoing.on('drain', done).on('close', done);
            }),
    };
    // A failure ends the stream; the browser's EventSource opens a new one by itself.
    serve(stream).then(
      () => outgoing.end(),
      (error: unknown) => outgoing.destroy(error instanceof Error ? error : new Error(String(error))),
    );
    if (closing) outgoing.end(SHUTDOWN_EVENT);
    return markHeadersComplete(RESPONSE_ALREADY_SENT);
  };
  return {
    open,
    close() {
      closing = true;
      for (const outgoing of responses) if (!outgoing.writableEnded) outgoing.end(SHUTDOWN_EVENT);
    },
  };
}
