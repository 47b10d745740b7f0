import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { RouteDeps } from '../app.ts';
import { constantTimeEqual } from '../domain/constant-time.ts';
import { ServiceError } from '../domain/errors.ts';
import { authenticate, sessionOrganizer } from '../domain/organizers.ts';
import type { Organizer } from '../domain/store.ts';
import { newToken } from '../domain/tokens.ts';
import { formBody } from './request-body.ts';

export type AdminEnv = { Variables: { organizer: Organizer; csrf: string } };

export const SESSION_COOKIE = 'undersigned_session';
const CSRF_COOKIE = 'undersigned_csrf';

/** Cookie settings for the admin pages: script cannot read them and no other site can send them. */
export const adminCookie = (deps: RouteDeps) => ({
  httpOnly: true,
  sameSite: 'Strict' as const,
  secure: deps.publicUrl.startsWith('https:'),
  path: '/',
});

/** /api/admin: the organizer token as `Authorization: Bearer`. */
export function bearerAuth(deps: RouteDeps): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const token = c.req.header('authorization')?.match(/^Bearer\s+(\S+)\s*$/i)?.[1] ?? '';
    try {
      c.set('organizer', await authenticate(deps.store, token));
    } catch (error) {
      c.header('WWW-Authenticate', 'Bearer realm="undersigned"');
      throw error;
    }
    await next();
  };
}

/** The organizer of the admin page session, or an `unauthorized` error. */
export async function sessionOf(deps: RouteDeps, c: Context): Promise<Organizer> {
  return sessionOrganizer(deps.store, getCookie(c, SESSION_COOKIE), deps.now());
}

/**
 * CSRF protection for the admin forms (signed double-submit): a random cookie, and in every form
 * the HMAC of it under the site secret. A POST whose field does not match gets 403. Another site can
 * neither read the cookie nor compute the field, and SameSite=Strict keeps the cookie from its posts.
 */
export function csrfProtection(deps: RouteDeps): MiddlewareHandler<AdminEnv> {
  const expected = (cookie: string) => deps.hmac(`csrf\u0000${cookie}`);
  return async (c, next) => {
    let cookie = getCookie(c, CSRF_COOKIE);
    if (c.req.method === 'POST') {
      const sent = (await formBody(c)).csrf ?? '';
      if (!cookie || !constantTimeEqual(sent, await expected(cookie))) {
        throw new ServiceError('forbidden', 'This form has expired or did not come from this site. Reload the page and try again.');
      }
    }
    if (!cookie) {
      cookie = newToken();
      setCookie(c, CSRF_COOKIE, cookie, adminCookie(deps));
    }
    c.set('csrf', await expected(cookie));
    await next();
  };
}
