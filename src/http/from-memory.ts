import { getQueryParam } from 'hono/utils/url';
import { isPublic } from '../domain/letters.ts';
import { keptAnswer } from '../live/per-letter.ts';
import type { RouteDeps } from './deps.ts';
import { embeddableResponse, queryString, type EmbeddableAnswer } from './embeddable.ts';
import { keptLetterPage } from './letter-page.tsx';

/**
 * The paths of the reads whose answers are kept, from the path's `/` on: the letter page (its slug in
 * group 1), the count and shields.json (slug 2, which of them 3), the badge (slug 4). Sticky, so that
 * it starts at the path, and any other path is let by at its first letters.
 */
const HOT_PATH = /\/(?:l\/([^/?]+)|api\/letters\/([^/?]+)\/(count|shields\.json)|badge\/([^/?]+)\.svg)(?=\?|$)/y;

/**
 * The hottest reads of a viral letter, answered from memory before the router: the letter page, the
 * count, shields.json and the badge, as their routes last made them for the same version of the
 * letter, query string and choosing headers (see keepAnswer). Through the router, its context and
 * the middleware, these reads cost the server's thread more (docs/performance.md#answers-from-memory).
 * Only the routes make answers; this gives them again while the count hub holds the letter without a read, and leaves
 * everything else to the app: another method, an unknown, draft or stale letter, a language chosen
 * in the query, a path written otherwise (its slug percent-encoded, say).
 */
export function answerFromMemory(
  deps: Pick<RouteDeps, 'counts' | 'formGuard' | 'now' | 'gzip' | 'proofOfWork'>,
  request: Request,
): Response | undefined {
  if (request.method !== 'GET') return undefined;
  const url = request.url;
  HOT_PATH.lastIndex = url.indexOf('/', url.indexOf('//') + 2);
  const match = HOT_PATH.exec(url);
  if (!match) return undefined;
  const [, pageSlug, apiSlug, apiRoute, badgeSlug] = match;
  const query = queryString(url);
  if (pageSlug !== undefined) {
    const letter = deps.counts.current(pageSlug);
    if (!isPublic(letter) || (query && getQueryParam(url, 'lang') !== undefined)) return undefined;
    return keptLetterPage(deps, letter, (name) => request.headers.get(name) ?? undefined);
  }
  const letter = deps.counts.current(apiSlug ?? badgeSlug ?? '');
  const route = apiRoute === undefined ? 'badge' : apiRoute === 'count' ? 'count' : 'shields';
  const kept = isPublic(letter) ? keptAnswer<EmbeddableAnswer>(letter, route, query) : undefined;
  return kept && embeddableResponse(kept, request.headers.get('if-none-match'));
}
