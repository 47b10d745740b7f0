import type { MiddlewareHandler } from 'hono';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "object-src 'none'",
];

export interface SecurityHeaders {
  /** The headers a response to `path` carries, as a plain object with lower-case names. */
  forPath(path: string): Readonly<Record<string, string>>;
  /** Sets them on every response, but those marked with {@link markHeadersComplete}. */
  middleware: MiddlewareHandler;
}

/**
 * Marks responses made with all their headers, security and CORS ones included: left as they are. A
 * property of the response rather than a WeakSet of them: each entry of a WeakSet is an ephemeron that
 * every young collection must visit, and these are the answers made thousands of times a second.
 */
const COMPLETE = Symbol('complete');
type Marked = Response & { [COMPLETE]?: true };

/**
 * Marks a response that carries its security and CORS headers already. The hottest answers (count,
 * badge, letter page) are made with their headers in a plain object, once per version; setting the
 * headers again on each of them slowed the count (docs/performance.md#prebuilt-responses).
 */
export function markHeadersComplete(response: Response): Response {
  (response as Marked)[COMPLETE] = true;
  return response;
}

/** Whether a response was marked with {@link markHeadersComplete}. */
export function hasCompleteHeaders(response: Response): boolean {
  return (response as Marked)[COMPLETE] === true;
}

/** Answers that are not documents (JSON, images, the count stream): they run and load nothing. */
const DATA_PATHS = /^\/(api|badge|\.well-known)\/|^\/l\/[^/]+\/(qr\.svg|card\.png)$/;

/**
 * The same security headers on every response, computed once. Pages get a policy that lets them load
 * their own files, and only the widget under /embed/ may be framed, by any site. Answers that are not
 * documents get a policy that allows nothing at all (an SVG opened as a page runs no script either);
 * the browser powers of Permissions-Policy and the window of Cross-Origin-Opener-Policy are a
 * document's, so these answers leave them out, and are a few hundred bytes shorter for it.
 */
export function securityHeaders(options: { https: boolean }): SecurityHeaders {
  const common: Record<string, string> = {
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    ...(options.https && { 'strict-transport-security': 'max-age=31536000; includeSubDomains' }),
  };
  const document: Record<string, string> = {
    ...common,
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=(), interest-cohort=()',
  };
  const page = Object.freeze({
    ...document,
    'content-security-policy': [...CSP, "frame-ancestors 'none'"].join('; '),
    'x-frame-options': 'DENY',
  });
  const embed = Object.freeze({ ...document, 'content-security-policy': [...CSP, 'frame-ancestors *'].join('; ') });
  const data = Object.freeze({
    ...common,
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'; sandbox",
    'x-frame-options': 'DENY',
  });
  const forPath = (path: string) => (DATA_PATHS.test(path) ? data : path.startsWith('/embed/') ? embed : page);
  const entries = new Map([page, embed, data].map((set) => [set, Object.entries(set)]));
  return {
    forPath,
    // Set on the response the handler made (error pages included); no handler sets any of these. On
    // its headers directly: hono's c.header would copy a finished response once per header.
    middleware: async (c, next) => {
      await next();
      if (hasCompleteHeaders(c.res)) return;
      const headers = c.res.headers;
      for (const [name, value] of entries.get(forPath(c.req.path))!) headers.set(name, value);
    },
  };
}
