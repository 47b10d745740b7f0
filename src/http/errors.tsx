import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ServiceError, type ErrorCode } from '../domain/errors.ts';
import { RateLimited } from '../domain/rate-limits.ts';
import { ErrorPage } from '../views/error-page.tsx';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  letter_closed: 409,
  token_gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
};

const PAGE_TITLE: Record<ErrorCode, string> = {
  invalid_input: 'Something is not right',
  unauthorized: 'Sign in',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Already taken',
  letter_closed: 'This letter is closed',
  token_gone: 'This link does not work',
  payload_too_large: 'Too much data',
  unsupported_media_type: 'Unsupported request',
  rate_limited: 'Too many requests',
};

/** Whether a request gets JSON errors (the API and machine endpoints) rather than a page. */
const wantsJson = (c: Context) => c.req.path.startsWith('/api/') || c.req.path === '/healthz';

/** The one place a ServiceError becomes an HTTP answer: JSON under /api, a readable page elsewhere. */
export function errorResponse(c: Context, error: ServiceError) {
  const status = STATUS[error.code];
  if (error instanceof RateLimited) c.header('Retry-After', String(error.retryAfterSeconds));
  if (wantsJson(c)) {
    const body = { code: error.code, message: error.message, ...(error.fields && { fields: error.fields }) };
    return c.json({ error: body }, status);
  }
  return c.html(<ErrorPage title={PAGE_TITLE[error.code]} message={error.message} />, status);
}

/** Turns any error into an answer; the details of an unexpected one go to the log, never the client. */
export function onError(log: (line: string) => void) {
  return (error: Error, c: Context) => {
    if (error instanceof ServiceError) return errorResponse(c, error);
    log(`error: ${c.req.method} ${routeOf(c)}: ${error.stack ?? error.message}`);
    if (wantsJson(c)) {
      return c.json({ error: { code: 'internal_error', message: 'Something went wrong on our side.' } }, 500);
    }
    return c.html(<ErrorPage title="Something went wrong" message="Something went wrong on our side. Please try again." />, 500);
  };
}

export function notFound(c: Context) {
  return errorResponse(c, new ServiceError('not_found', 'There is nothing at this address.'));
}

/** The matched route pattern, not the path: paths carry tokens, which must not reach the log. */
function routeOf(c: Context): string {
  return c.req.routePath || '(unmatched)';
}
