import type { Context, MiddlewareHandler } from 'hono';
import { requestId } from 'hono/request-id';
import { routePath } from 'hono/route';
import type { Logger } from '../log.ts';

/**
 * One log line per request, when its answer is made: the request id, the method, the route pattern
 * (never the path: paths carry tokens and slugs of drafts), the status and the time taken. The id is
 * made here, not taken from a request header a client could set, and is on every other line the
 * request logs (see requestIdOf).
 */
export function requestLog(logger: Logger): MiddlewareHandler[] {
  const log: MiddlewareHandler = async (c, next) => {
    const start = performance.now();
    await next();
    const status = c.res.status;
    logger[status >= 500 ? 'error' : 'info']('request', {
      requestId: requestIdOf(c),
      method: c.req.method,
      route: routeOf(c),
      status,
      ms: Math.round((performance.now() - start) * 10) / 10,
    });
  };
  return [requestId({ headerName: '' }), log];
}

/** The id {@link requestLog} gave this request. */
export function requestIdOf(c: Context): string | undefined {
  return c.get('requestId');
}

/** The route pattern that answered, once the handlers have run; an unmatched request has none. */
export function routeOf(c: Context): string {
  const route = routePath(c);
  return route && route !== '/*' && route !== '*' ? route : '(unmatched)';
}
