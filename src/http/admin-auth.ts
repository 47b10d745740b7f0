import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';
import { constantTimeEqual } from '../domain/constant-time.ts';
import { ServiceError } from '../domain/errors.ts';
import { authenticate, sessionOrganizer } from '../domain/organizers.ts';
import type { Organizer } from '../domain/entities.ts';
import { newToken } from '../domain/tokens.ts';
import type { RouteDeps } from './deps.ts';
import { formBody } from './request-body.ts';

export type AdminEnv = { Variables: { organizer: Organizer; csrf: string } };

/** What finding a session's organizer takes. */
export type SessionDeps = Pick<RouteDeps, 'store' | 'publicUrl' | 'now'>;
/** What making and checking the admin forms' CSRF tokens takes. */
export type CsrfDeps = Pick<RouteDeps, 'publicUrl' | 'hmac'>;

/** The admin pages' cookies: their names, and settings that keep script and other sites from them. */
export interface AdminCookies {
  session: string;
  /** The sign-in form's CSRF cookie; once signed in, the session is what the form's token is bound to. */
  csrf: string;
  options: CookieOptions;
}

/**
 * On https the names carry the `__Host-` prefix: a browser then takes such a cookie only when it is
 * Secure, for path `/` and for this very host, so no other subdomain (nor a forged plain-http answer)
 * can set it in an organizer's browser.
 */
export function adminCookies(publicUrl: string): AdminCookies {
  const https = publicUrl.startsWith('https:');
  const prefix = https ? '__Host-' : '';
  return {
    session: `${prefix}undersigned_session`,
    csrf: `${prefix}undersigned_csrf`,
    options: { httpOnly: true, sameSite: 'Strict', secure: https, path: '/' },
  };
}

const bearerToken = (c: Context) => c.req.header('authorization')?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];

/** /api/admin: the organizer token as `Authorization: Bearer`. */
export function bearerAuth(deps: Pick<RouteDeps, 'store'>): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    try {
      c.set('organizer', await authenticate(deps.store, bearerToken(c) ?? ''));
    } catch (error) {
      c.header('WWW-Authenticate', 'Bearer realm="undersigned"');
      throw error;
    }
    await next();
  };
}

/** The organizer of the admin page session, or an `unauthorized` error. */
export async function sessionOf(deps: SessionDeps, c: Context): Promise<Organizer> {
  return sessionOrganizer(deps.store, getCookie(c, adminCookies(deps.publicUrl).session), deps.now());
}

/**
 * The organizer a request's credentials name, its Bearer token or else its admin session, or
 * undefined: for what is allowed to organizers beyond the routes that require one (a larger body,
 * the details of /healthz). Reads no body.
 */
export async function organizerOf(deps: SessionDeps, c: Context): Promise<Organizer | undefined> {
  const token = bearerToken(c);
  try {
    return token !== undefined ? await authenticate(deps.store, token) : await sessionOf(deps, c);
  } catch (error) {
    if (error instanceof ServiceError && error.code === 'unauthorized') return undefined;
    throw error;
  }
}

const forged = () => new ServiceError('forbidden', 'This form has expired or did not come from this site. Reload the page and try again.');

/** Refuses with 403 a POSTed form whose `csrf` field is not `expected`. Reads the body: only after authentication. */
async function checkField(c: Context, expected: string) {
  const sent = (await formBody(c)).csrf ?? '';
  if (!constantTimeEqual(sent, expected)) throw forged();
}

/**
 * The sign-in form's CSRF token (signed double-submit): the HMAC, under the site secret, of a random
 * cookie, which is set here if the browser has none. Another site can neither read the cookie nor
 * compute the token, and SameSite=Strict keeps the cookie from its posts.
 */
export async function signInToken(deps: CsrfDeps, c: Context): Promise<string> {
  const cookies = adminCookies(deps.publicUrl);
  let cookie = getCookie(c, cookies.csrf);
  if (!cookie) {
    cookie = newToken();
    setCookie(c, cookies.csrf, cookie, cookies.options);
  }
  return deps.hmac(`csrf\u0000sign-in\u0000${cookie}`);
}

/** The sign-in form's POST carries the token of {@link signInToken}, or gets 403. */
export function signInCsrf(deps: CsrfDeps): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    if (!getCookie(c, adminCookies(deps.publicUrl).csrf)) throw forged();
    const token = await signInToken(deps, c);
    await checkField(c, token);
    c.set('csrf', token);
    await next();
  };
}

/**
 * CSRF protection for the forms of a signed-in organizer: the field is the HMAC of the session
 * token under the site secret, so it is good for this session only. A pair of cookie and field
 * that someone got on their own visit, planted in an organizer's browser, passes nothing.
 * Runs after the session is known (see sessionOf).
 */
export function sessionCsrf(deps: CsrfDeps): MiddlewareHandler<AdminEnv> {
  const cookies = adminCookies(deps.publicUrl);
  return async (c, next) => {
    const expected = await deps.hmac(`csrf\u0000session\u0000${getCookie(c, cookies.session) ?? ''}`);
    if (c.req.method === 'POST') await checkField(c, expected);
    c.set('csrf', expected);
    await next();
  };
}
