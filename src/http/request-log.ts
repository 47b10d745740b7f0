import type { Context, MiddlewareHandler } from 'hono';
import { requestId } from 'hono/request-id';
import { matchedRoutes } from 'hono/route';
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

/**
 * The route pattern a request was for: the handler that answered it, or, when a middleware answered
 * first (a body too large, a rate limit), the route it was headed to. Middleware is registered for
 * every method; routes are not.
 */
export function routeOf(c: Context): string {
  const routes = matchedRoutes(c);
  for (let i = c.req.routeIndex; i < routes.length; i++) {
    if (routes[i]!.method !== 'ALL') return routes[i]!.path;
  }
  return '(unmatched)';
}
