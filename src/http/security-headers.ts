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
  /** Sets them on every response, before its handler runs. */
  middleware: MiddlewareHandler;
}

/**
 * The same security headers on every response, computed once. Only the widget under /embed/ may be
 * framed, by any site; every other page refuses framing.
 */
export function securityHeaders(options: { https: boolean }): SecurityHeaders {
  const common: Record<string, string> = {
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=(), interest-cohort=()',
    ...(options.https && { 'strict-transport-security': 'max-age=31536000; includeSubDomains' }),
  };
  const page = Object.freeze({
    ...common,
    'content-security-policy': [...CSP, "frame-ancestors 'none'"].join('; '),
    'x-frame-options': 'DENY',
  });
  const embed = Object.freeze({ ...common, 'content-security-policy': [...CSP, 'frame-ancestors *'].join('; ') });
  const forPath = (path: string) => (path.startsWith('/embed/') ? embed : page);
  const entries = new Map([page, embed].map((set) => [set, Object.entries(set)]));
  return {
    forPath,
    // Set before the handler runs, so they go into the response as it is made: touching a finished
    // response's headers makes @hono/node-server build a full Response object, several times slower.
    middleware: async (c, next) => {
      for (const [name, value] of entries.get(forPath(c.req.path))!) c.header(name, value);
      await next();
    },
  };
}
