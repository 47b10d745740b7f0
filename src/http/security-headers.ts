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

/**
 * The same security headers on every response, computed once. Only the widget under /embed/ may be
 * framed, by any site; every other page refuses framing.
 */
export function securityHeaders(options: { https: boolean }): MiddlewareHandler {
  const common: [string, string][] = [
    ['Referrer-Policy', 'no-referrer'],
    ['X-Content-Type-Options', 'nosniff'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=(), interest-cohort=()'],
    ...(options.https ? ([['Strict-Transport-Security', 'max-age=31536000; includeSubDomains']] as [string, string][]) : []),
  ];
  const page: [string, string][] = [
    ...common,
    ['Content-Security-Policy', [...CSP, "frame-ancestors 'none'"].join('; ')],
    ['X-Frame-Options', 'DENY'],
  ];
  const embed: [string, string][] = [...common, ['Content-Security-Policy', [...CSP, 'frame-ancestors *'].join('; ')]];
  // Set before the handler runs, so they go into the response as it is made: touching a finished
  // response's headers makes @hono/node-server build a full Response object, several times slower.
  return async (c, next) => {
    for (const [name, value] of c.req.path.startsWith('/embed/') ? embed : page) c.header(name, value);
    await next();
  };
}
