import { waitFor } from './wait.ts';

export interface SseClient {
  /** The data of every `count` event so far, parsed. */
  counts: { count: number; display: string }[];
  /** The type of every event so far, in order. */
  events: string[];
  /** Comments (heartbeats) seen so far. */
  comments: number;
  status: number;
  headers: Headers;
  /** Resolves when the server has ended the stream (not when close() has). */
  ended: Promise<void>;
  /** Waits for a count event with this count. */
  countOf(count: number, timeoutMs?: number): Promise<void>;
  close(): void;
}

/** A Server-Sent Events client over fetch, as a browser's EventSource reads the stream. */
export async function openStream(url: string): Promise<SseClient> {
  const abort = new AbortController();
  const res = await fetch(url, { signal: abort.signal, headers: { accept: 'text/event-stream' } });
  let ended!: () => void;
  const client: SseClient = {
    ended: new Promise<void>((resolve) => (ended = resolve)),
    counts: [],
    events: [],
    comments: 0,
    status: res.status,
    headers: res.headers,
    countOf: (count, timeoutMs = 2000) =>
      waitFor(() => client.counts.some((c) => c.count === count), `a count event of ${count}`, timeoutMs),
    close: () => abort.abort(),
  };
  if (res.ok && res.body) void read(res.body, client).then((finished) => finished && ended());
  return client;
}

/** Reads events until the stream ends (true) or is aborted by close() (false). */
async function read(body: ReadableStream<Uint8Array>, client: SseClient): Promise<boolean> {
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = body.getReader();
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      buffer += decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.startsWith(':')) client.comments++;
        const event = block.match(/^event: (.*)$/m)?.[1];
        const data = block.match(/^data: (.*)$/m)?.[1];
        if (event) client.events.push(event);
        if (event === 'count' && data) client.counts.push(JSON.parse(data));
      }
    }
    return true;
  } catch {
    // aborted by close()
    return false;
  }
}
