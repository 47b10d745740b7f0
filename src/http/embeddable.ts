import type { Context } from 'hono';
import { markHeadersComplete } from './security-headers.ts';

/** How long embeds and caches may keep the count: fresh for 10 s, served stale for a minute while refetched. */
export const EMBED_CACHE_CONTROL = 'public, max-age=10, stale-while-revalidate=60';

/** The weak ETag of a version string. */
export function etagOf(version: string): string {
  return `W/"${fnv1a(version)}"`;
}

/** A read any site may embed, in one version: its ETag, its body, and the headers of both answers. */
export interface PrebuiltEmbeddable {
  etag: string;
  body: string | Uint8Array<ArrayBuffer>;
  headers: Readonly<Record<string, string>>;
  notModifiedHeaders: Readonly<Record<string, string>>;
}

/**
 * Makes a read any site may embed: CORS-open, cacheable, with an ETag. Made once per version and
 * answered with {@link embeddable} on every request.
 *
 * These are the hottest reads of a viral letter, so their answers are Responses of their own, with
 * headers in plain objects made once here: hono keeps a response's headers in a web Headers object,
 * which @hono/node-server sorts and copies for each answer, and even copying a plain object per
 * answer slows these reads measurably (docs/performance.md#prebuilt-responses). Such a Response
 * carries the security headers and CORS itself, and is marked so that the middleware leaves it as it
 * is; nothing on these routes sets anything else.
 */
export function prebuildEmbeddable(
  securityHeaders: Readonly<Record<string, string>>,
  answer: { etag: string; type: string; body: string | Uint8Array<ArrayBuffer>; cacheControl?: string; headers?: Record<string, string> },
): PrebuiltEmbeddable {
  // Shared by every answer of this version, so frozen.
  const notModifiedHeaders = Object.freeze({
    ...securityHeaders,
    'access-control-allow-origin': '*',
    'cache-control': answer.cacheControl ?? EMBED_CACHE_CONTROL,
    etag: answer.etag,
    ...answer.headers,
  });
  return {
    etag: answer.etag,
    body: answer.body,
    headers: Object.freeze({ ...notModifiedHeaders, 'content-type': answer.type }),
    notModifiedHeaders,
  };
}

/** Answers an embeddable read: 304 without the body when the client already has this version (If-None-Match). */
export function embeddable(c: Context, prebuilt: PrebuiltEmbeddable): Response {
  const ifNoneMatch = c.req.header('if-none-match');
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === prebuilt.etag || tag.trim() === '*')) {
    return markHeadersComplete(new Response(null, { status: 304, headers: prebuilt.notModifiedHeaders }));
  }
  return markHeadersComplete(new Response(prebuilt.body, { status: 200, headers: prebuilt.headers }));
}

/** The query string of a request as sent, with its `?` ('' without one): the cache key of an embeddable read. */
export function queryOf(c: Context): string {
  const url = c.req.url;
  const start = url.indexOf('?');
  return start < 0 ? '' : url.slice(start);
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
