import type { Context } from 'hono';

/** How long embeds and caches may keep the count: fresh for 10 s, served stale for a minute while refetched. */
export const EMBED_CACHE_CONTROL = 'public, max-age=10, stale-while-revalidate=60';

/** The weak ETag of a version string. */
export function etagOf(version: string): string {
  return `W/"${fnv1a(version)}"`;
}

/**
 * Answers a read that any site may embed: CORS-open, cacheable, with an ETag. When the client
 * already has this version (If-None-Match), answers 304 without building the body.
 */
export function embeddable(c: Context, etag: string, respond: () => Response, cacheControl = EMBED_CACHE_CONTROL): Response {
  c.header('ETag', etag);
  c.header('Cache-Control', cacheControl);
  c.header('Access-Control-Allow-Origin', '*');
  const wanted = c.req.header('if-none-match');
  if (wanted && wanted.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
    return c.body(null, 304);
  }
  return respond();
}

/** A fast 32-bit FNV-1a hash, in base 36: enough to tell versions apart, not a secret. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
