import type { EventStream } from './event-stream.ts';

/**
 * Writes a live count to `stream` until the client goes or the subscription calls `end`: the value
 * as it is now, then each change (to a slow reader, only the latest), and a comment every
 * `heartbeatMs` so that proxies and browsers keep an idle stream open.
 */
export async function streamCounts<T>(
  stream: EventStream,
  options: {
    first: T;
    /** Calls the listener with each new value, or `end` when there will be none; returns what stops it. */
    subscribe: (listener: (changed: T) => void, end: () => void) => () => void;
    event: (value: T) => Promise<string>;
    heartbeatMs: number;
  },
): Promise<void> {
  let latest: T | undefined = options.first;
  // One write at a time, a change's or a heartbeat's: a reader that does not read holds up one.
  let writing = false;
  const flush = async () => {
    if (writing) return;
    writing = true;
    while (latest !== undefined && stream.open) {
      const next = latest;
      latest = undefined;
      await stream.write(await options.event(next));
    }
    writing = false;
  };
  let end!: () => void;
  const ended = new Promise<void>((resolve) => (end = resolve));
  const unsubscribe = options.subscribe((changed) => {
    latest = changed;
    void flush();
  }, end);
  // One timer for the stream's life. Racing each beat's timeout against `closed` instead left a
  // reaction on that promise per beat, so a stream grew for as long as it was open
  // (docs/performance.md#live-count-streams).
  const heartbeat = setInterval(() => {
    if (writing || !stream.open) return;
    writing = true;
    void stream.write(': heartbeat\n\n').then(() => {
      writing = false;
      // A change that came while the heartbeat was written.
      void flush();
    });
  }, options.heartbeatMs);
  try {
    await flush();
    await Promise.race([stream.closed, ended]);
  } finally {
    clearInterval(heartbeat);
    unsubscribe();
  }
}
