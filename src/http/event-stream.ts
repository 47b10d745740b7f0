import type { Context } from 'hono';

/** An open text/event-stream answer, as the live count writes to it. */
export interface EventStream {
  /** Sends `text` as it is; resolves once the connection takes more (at once, unless its buffer is full). */
  write(text: string): Promise<void>;
  /** Resolves when the client has gone, or the server is shutting down. */
  readonly closed: Promise<void>;
  readonly open: boolean;
}

/**
 * Answers `c` with a stream of events carrying `headers`, and runs `serve` on it until the client
 * goes; the runtime decides how the connection is held.
 */
export type OpenEventStream = (
  c: Context,
  headers: Readonly<Record<string, string>>,
  serve: (stream: EventStream) => Promise<void>,
) => Response;

/** Where a runtime holds connections open (Node): how it streams the live count. */
export interface LiveStream {
  open: OpenEventStream;
  /** A comment is sent this often, so that proxies and browsers keep an idle stream open. */
  heartbeatMs: number;
}
