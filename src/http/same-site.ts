import type { MiddlewareHandler } from 'hono';
import { ServiceError } from '../domain/errors.ts';

/**
 * Refuses a signing that a browser sent from another site's page: the form posts, and the JSON API's
 * writes, which are not CORS-open. A browser says where a request comes from in Sec-Fetch-Site; only
 * `same-origin` (our own page) and `none` (the person's own doing, such as a bookmark) pass. Not
 * `same-site`: a sibling subdomain is another site as far as signers are concerned, and our forms live
 * on this origin only. A browser too old for Sec-Fetch-Site still sends Origin with a post, which must
 * then be ours, or `null`: our pages' `Referrer-Policy: no-referrer` makes browsers send `null` for our
 * own forms. Clients that send neither header (scripts, servers, curl) are not browsers carrying a
 * visitor's state, and keep using the API as before.
 */
export function sameSiteOnly(publicUrl: string): MiddlewareHandler {
  const ours = new URL(publicUrl).origin;
  return (c, next) => {
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const allowed = site !== undefined ? site === 'same-origin' || site === 'none' : origin === undefined || origin === ours || origin === 'null';
    if (!allowed) throw new ServiceError('forbidden', 'Signatures are taken only from the form on this site’s own page. Open the letter here and sign there.');
    return next();
  };
}
