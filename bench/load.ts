import autocannon from 'autocannon';

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  /** Connection errors, timeouts included. */
  errors: number;
  /** Answers outside 2xx and 3xx. */
  bad: number;
  ok: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  /** Send exactly this many requests instead of running for the duration: every one is answered. */
  amount?: number;
  /** Requests a second offered, over all connections together; as fast as answers come, without it. */
  rate?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Builds each request's path and body, for requests that must differ (distinct signers, tokens). */
  next?: (n: number) => { path: string; method?: 'GET' | 'POST'; body?: string; headers?: Record<string, string> };
  /** A cycle of requests per connection (the viral mix); an entry with `next` differs each time. */
  cycle?: (
    | { path: string; method?: 'GET' | 'POST'; body?: string; headers?: Record<string, string> }
    | { next: NonNullable<LoadOptions['next']> }
  )[];
}

/** Runs autocannon against one server for a while and sums it up. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  let n = 0;
  const distinct = (next: NonNullable<LoadOptions['next']>) => ({
    setupRequest: (req: Record<string, unknown>) => {
      const r = next(n++);
      return { ...req, path: r.path, method: r.method ?? 'POST', body: r.body, headers: { ...(req.headers as object), ...r.headers } };
    },
  });
  const requests = options.cycle
    ? options.cycle.map((r) => ('next' in r ? distinct(r.next) : { ...r, method: r.method ?? 'GET' }))
    : options.next
      ? [distinct(options.next)]
      : undefined;
  // autocannon notices the end of a fixed number of requests only at its next whole-second tick, so
  // the run's time is taken from its start to the last answer.
  const started = performance.now();
  let lastAnswer = started;
  const result = await autocannon({
    setupClient: (client: { on(event: 'response', listener: () => void): void }) =>
      client.on('response', () => (lastAnswer = performance.now())),
    url: options.url,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.durationSeconds }),
    ...(options.rate && { overallRate: options.rate }),
    method: options.method ?? 'GET',
    headers: options.headers ?? {},
    ...(requests && { requests: requests as autocannon.Request[] }),
  });
  const ok = result['2xx'] + result['3xx'];
  return {
    requests: result.requests.total,
    rps: result.requests.total / ((lastAnswer - started) / 1000),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    bad: result['4xx'] + result['5xx'],
    ok,
  };
}
