import { describe, expect, it } from 'vitest';
import { streamCounts } from '../../src/http/count-stream.ts';
import type { EventStream } from '../../src/http/event-stream.ts';
import { waitFor } from '../support/wait.ts';

/** An event stream in memory that counts what waits on its `closed`: each wait is kept until it closes. */
function memoryStream() {
  let close!: () => void;
  const closing = new Promise<void>((resolve) => (close = resolve));
  const state = { open: true, waits: 0, written: [] as string[] };
  const closed = {
    then(onClosed?: () => unknown, onFailed?: (error: unknown) => unknown) {
      state.waits++;
      return closing.then(onClosed, onFailed);
    },
  } as Promise<void>;
  const stream: EventStream = {
    closed,
    get open() {
      return state.open;
    },
    write: async (text) => void state.written.push(text),
  };
  return {
    stream,
    state,
    heartbeats: () => state.written.filter((text) => text.startsWith(':')).length,
    close() {
      state.open = false;
      close();
    },
  };
}

// A viral letter's watchers keep their streams open for hours; whatever a stream keeps per heartbeat
// grows the server by that much every 15 s for each of them.
describe('the live count stream', () => {
  it('sends the count, each change and heartbeats, and holds nothing more per heartbeat', async () => {
    const memory = memoryStream();
    let listener: ((count: number) => void) | undefined;
    let subscribed = false;
    const served = streamCounts(memory.stream, {
      first: 1,
      subscribe: (l) => {
        listener = l;
        subscribed = true;
        return () => (subscribed = false);
      },
      event: async (count) => `data: ${count}\n\n`,
      heartbeatMs: 2,
    });
    await waitFor(() => memory.heartbeats() >= 40, 'forty heartbeats');
    listener!(2);
    await waitFor(() => memory.state.written.includes('data: 2\n\n'), 'the change');
    expect(memory.state.written[0]).toBe('data: 1\n\n');
    // A wait per heartbeat would be forty by now, each kept until the stream closes.
    expect(memory.state.waits).toBeLessThanOrEqual(1);

    memory.close();
    await served;
    expect(subscribed).toBe(false);
    const written = memory.state.written.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(memory.state.written).toHaveLength(written);
  });
});
