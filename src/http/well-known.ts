import { Hono } from 'hono';
import { wellKnownDocument } from '../domain/count-proof.ts';
import { WELL_KNOWN_PATH } from './count-proof-http.ts';
import type { RouteDeps } from './deps.ts';
import { embeddable, prebuildEmbeddable, etagOf } from './embeddable.ts';

/** The site's public keys change only with its database: caches may keep them for an hour. */
const KEYS_CACHE_CONTROL = 'public, max-age=3600';

/** `/.well-known/undersigned.json`: the public key that checks the site's signed counts, open to any site. */
export function wellKnownRoutes(deps: Pick<RouteDeps, 'publicUrl' | 'countKey' | 'security'>) {
  const routes = new Hono();
  const body = JSON.stringify(wellKnownDocument(deps.publicUrl, [deps.countKey]));
  const answer = prebuildEmbeddable(deps.security.forPath(WELL_KNOWN_PATH), {
    etag: etagOf(body),
    type: 'application/json',
    body,
    cacheControl: KEYS_CACHE_CONTROL,
  });
  routes.get(WELL_KNOWN_PATH, (c) => embeddable(c, answer));
  return routes;
}
