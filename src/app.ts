import { Hono, type Context, type ExecutionContext, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { ServiceError } from './domain/errors.ts';
import { adminApiRoutes } from './http/admin-api.ts';
import { organizerOf } from './http/admin-auth.ts';
import { adminPageRoutes } from './http/admin-pages.tsx';
import { apiRoutes } from './http/api.ts';
import { createAddressKeys } from './http/client-address.ts';
import type { AppDeps, RouteDeps } from './http/deps.ts';
import { embedRoutes } from './http/embeds.tsx';
import { notFound, onError } from './http/errors.tsx';
import { formGuard } from './http/form-guard.ts';
import { letterQrRoutes } from './http/letter-qr.ts';
import { linkCardRoutes } from './http/link-card.ts';
import { pageRoutes } from './http/pages.tsx';
import { MalformedBody } from './http/request-body.ts';
import { requestLog } from './http/request-log.ts';
import { securityHeaders } from './http/security-headers.ts';
import { wellKnownRoutes } from './http/well-known.ts';

export const MAX_BODY_BYTES = 64 * 1024;
/** Organizers post whole letters, which may be long. */
export const MAX_ADMIN_BODY_BYTES = 1024 * 1024;

/** Whether a request's body may be longer than `maxSize`: it says so, or sends its length only as it goes. */
function mayExceed(c: Context, maxSize: number): boolean {
  return c.req.header('transfer-encoding') !== undefined || Number(c.req.header('content-length') ?? 0) > maxSize;
}

/** What a runtime calls with each request. */
export type Fetch = (request: Request, env?: unknown, executionCtx?: ExecutionContext) => Response | Promise<Response>;

/** The whole site, the same on every runtime (the entries only supply `deps`, through createSite). */
export function createApp(appDeps: AppDeps): { fetch: Fetch } {
  const deps: RouteDeps = {
    ...appDeps,
    addressKey: createAddressKeys(appDeps.hashing),
    formGuard: formGuard(appDeps.hmac, appDeps.formMinSeconds, appDeps.formMaxSeconds),
    security: securityHeaders({ https: appDeps.publicUrl.startsWith('https:') }),
  };
  // Every request is matched against every route in one regular expression. hono's default router
  // would quietly fall back to walking a tree, several times slower, for one route the regular
  // expression cannot take (a static segment beside a parameter, as /admin/letters/new was beside
  // /admin/letters/:slug); named here, such a route fails the moment the app is built.
  const app = new Hono({ router: new RegExpRouter() });
  app.onError(onError(deps.logger));
  app.notFound(notFound);

  app.use(...requestLog(deps.logger));
  app.use(deps.security.middleware);
  const limit = (maxSize: number): MiddlewareHandler => {
    const tooLarge = (c: Context) => {
      // The rest of the body is not read, so this connection cannot carry another request.
      c.header('Connection', 'close');
      throw new ServiceError('payload_too_large', `The body is larger than ${maxSize / 1024} KiB.`);
    };
    const streamed = bodyLimit({ maxSize, onError: tooLarge });
    // A declared length (none: no body) is checked from the header alone: hono's bodyLimit would
    // first turn the request into a full web Request (a body stream and all), a cost every signing
    // would pay on Node (docs/performance.md#smaller-choices-on-the-hot-paths). Only a chunked body, whose length is known as it arrives, goes through it.
    return async (c, next) => {
      if (c.req.header('transfer-encoding') === undefined) {
        return Number(c.req.header('content-length') ?? 0) > maxSize ? tooLarge(c) : next();
      }
      let whole = false;
      try {
        return await streamed(c, () => ((whole = true), next()));
      } catch (error) {
        // Failing before the body was whole, the read failed: the client hung up mid-body.
        if (whole || error instanceof ServiceError) throw error;
        throw new MalformedBody('The body ended before it was whole.');
      }
    };
  };
  const publicLimit = limit(MAX_BODY_BYTES);
  const adminLimit = limit(MAX_ADMIN_BODY_BYTES);
  app.use((c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    if (!/^\/(api\/)?admin(\/|$)/.test(c.req.path) || !mayExceed(c, MAX_BODY_BYTES)) return publicLimit(c, next);
    // The larger allowance is an organizer's, known before the body is read: anyone else's large
    // body is refused from its headers, without a byte of it parsed.
    return organizerOf(deps, c).then((organizer) => (organizer ? adminLimit : publicLimit)(c, next));
  });

  // Liveness for load balancers, and the baseline of the benchmark: the full middleware stack, no work.
  app.get('/ping', (c) => c.text('ok'));

  // Anyone may learn that the site is up; how much mail waits, and whether the mail server refuses
  // our configuration, is for organizers (Bearer or session).
  app.get('/healthz', async (c) => {
    try {
      const [outboxBacklog, organizer] = await Promise.all([deps.store.outboxBacklog(), organizerOf(deps, c)]);
      if (!organizer) return c.json({ status: 'ok', database: 'ok' });
      c.header('Cache-Control', 'no-store');
      const alarm = await deps.store.mailAlarm();
      const mailAlarm = alarm ? { since: alarm.since.toISOString(), reason: alarm.reason } : null;
      return c.json({ status: 'ok', database: 'ok', outboxBacklog, mailAlarm });
    } catch (error) {
      deps.logger.error('database unreachable', { route: '/healthz', error: error instanceof Error ? error.message : String(error) });
      return c.json({ status: 'unavailable', database: 'unreachable' }, 503);
    }
  });
  // Browsers and crawlers ask for /favicon.ico whatever the page links: the icon is public/favicon.svg.
  app.get('/favicon.ico', (c) => c.redirect('/favicon.svg', 301));
  app.route('/', wellKnownRoutes(deps));
  app.route('/api/admin', adminApiRoutes(deps));
  app.route('/api', apiRoutes(deps));
  app.route('/admin', adminPageRoutes(deps));
  app.route('/', embedRoutes(deps));
  app.route('/', letterQrRoutes(deps));
  app.route('/', linkCardRoutes(deps));
  app.route('/', pageRoutes(deps));
  // Last: only a request no route answered looks for a file, so no route pays for a file lookup.
  if (deps.staticFiles) app.use(deps.staticFiles);
  return { fetch: app.fetch };
}
