import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { onError } from '../../src/http/errors.tsx';
import { requestLog } from '../../src/http/request-log.ts';
import { createLogger } from '../../src/log.ts';

function appWithLog() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ format: 'json', write: (line) => lines.push(JSON.parse(line)) });
  const app = new Hono();
  app.onError(onError(logger));
  app.use(...requestLog(logger));
  // Stands for a middleware that answers before the route (a body limit, a rate limit).
  app.use(async (c, next) => (c.req.header('x-refuse') ? c.text('no', 429) : next()));
  app.get('/verify/:token', (c) => c.text('ok'));
  app.get('/boom/:token', () => {
    throw new Error('boom');
  });
  return { app, lines };
}

describe('the request log', () => {
  it('names the route pattern, never the path, with the status and a request id of its own', async () => {
    const { app, lines } = appWithLog();
    await app.request('/verify/secret-token', { headers: { 'x-request-id': 'chosen-by-client' } });
    await app.request('/verify/secret-token', { headers: { 'x-refuse': '1' } });
    await app.request('/nowhere/secret-token');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', msg: 'request', method: 'GET', route: '/verify/:token', status: 200 }),
      expect.objectContaining({ level: 'info', msg: 'request', route: '/verify/:token', status: 429 }),
      expect.objectContaining({ level: 'info', msg: 'request', route: '(unmatched)', status: 404 }),
    ]);
    const ids = lines.map((line) => line.requestId);
    expect(new Set(ids).size).toBe(3);
    expect(ids).not.toContain('chosen-by-client');
    expect(JSON.stringify(lines)).not.toContain('secret-token');
  });

  it('logs an unexpected error and its request under the same id, as errors', async () => {
    const { app, lines } = appWithLog();
    expect((await app.request('/boom/secret-token')).status).toBe(500);
    const [error, request] = lines;
    expect(error).toMatchObject({ level: 'error', msg: 'unexpected error', route: '/boom/:token', error: expect.stringContaining('boom') });
    expect(request).toMatchObject({ level: 'error', msg: 'request', route: '/boom/:token', status: 500 });
    expect(error!.requestId).toBe(request!.requestId);
  });
});
