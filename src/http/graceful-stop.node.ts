import type { Server, ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';

/**
 * Prepares `server` to stop without cutting a request off. `stop` makes it take no new connections
 * and waits until every connection has closed: each answer not yet begun says `Connection: close`,
 * so that no client sends another request on a connection about to close. Connections idle when it
 * begins are kept `idleGraceMs` for a request already on its way; any still open after `limitMs` (a
 * client that never finishes its request) are cut.
 */
export function gracefulStop(server: Server, options: { idleGraceMs: number; limitMs: number }): () => Promise<void> {
  let stopping = false;
  const answering = new Set<ServerResponse>();
  const answered = function (this: ServerResponse) {
    answering.delete(this);
  };
  // Before the app's own listener, so that no header is written yet.
  server.prependListener('request', (_request, response) => {
    if (stopping) response.shouldKeepAlive = false;
    else answering.add(response.once('close', answered));
  });
  return () =>
    new Promise<void>((resolve) => {
      stopping = true;
      for (const response of answering) if (!response.headersSent) response.shouldKeepAlive = false;
      const idle = setTimeout(() => server.closeIdleConnections(), options.idleGraceMs);
      const limit = setTimeout(() => server.closeAllConnections(), options.limitMs);
      // net's close, not http's: http's also closes the idle connections at once, and with them any
      // request a client has just sent on one.
      NetServer.prototype.close.call(server, () => {
        clearTimeout(idle);
        clearTimeout(limit);
        resolve();
      });
    });
}
