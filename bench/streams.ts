import { get, type IncomingMessage } from 'node:http';

/** Many Server-Sent Events clients on one letter's count stream, each remembering the last count it saw. */
export async function openStreams(url: string, count: number) {
  const latest: number[] = new Array(count).fill(-1);
  const responses: IncomingMessage[] = [];
  const open = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const req = get(url, { agent: false }, (res) => {
        responses.push(res);
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const data = buffer.slice(0, end).match(/^data: (.*)$/m)?.[1];
            buffer = buffer.slice(end + 2);
            if (data) {
              latest[i] = (JSON.parse(data) as { count: number }).count;
              resolve();
            }
          }
        });
        res.on('error', () => {});
      });
      req.on('error', reject);
    });
  // Open them in waves, as a crowd arrives, not as one burst of 5,000 handshakes.
  for (let i = 0; i < count; i += 250) {
    await Promise.all(Array.from({ length: Math.min(250, count - i) }, (_, k) => open(i + k)));
  }
  return {
    latest,
    /** When (performance.now()) every stream had seen `value`, or undefined after `timeoutMs`. */
    async allSee(value: number, timeoutMs = 10_000): Promise<number | undefined> {
      const start = performance.now();
      while (performance.now() - start < timeoutMs) {
        if (latest.every((v) => v >= value)) return performance.now();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return undefined;
    },
    close() {
      for (const res of responses) res.destroy();
    },
  };
}
