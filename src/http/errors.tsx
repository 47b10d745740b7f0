import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ServiceError, type ErrorCode } from '../domain/errors.ts';
import { RateLimited } from '../domain/rate-limits.ts';
import { messagesFor } from '../i18n/index.ts';
import { ErrorPage } from '../views/error-page.tsx';
import { languageOf, page } from './render.tsx';
import type { Logger } from '../log.ts';
import { MalformedBody } from './request-body.ts';
import { requestIdOf, routeOf } from './request-log.ts';

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
  const lang = languageOf(c);
  const [title, message] = messagesFor(lang).errors[error.code]!;
  // English pages keep the exact reason; the others say it in their words.
  return page(c, (language) => <ErrorPage language={language} title={title} message={lang === 'en' ? error.message : message} />, status, lang);
}

/** Turns any error into an answer; the details of an unexpected one go to the log, never the client. */
export function onError(logger: Logger) {
  return (error: Error, c: Context) => {
    const fields = { requestId: requestIdOf(c), method: c.req.method, route: routeOf(c) };
    if (error instanceof MalformedBody) logger.warn('bad body', { ...fields, reason: error.message });
    if (error instanceof ServiceError) return errorResponse(c, error);
    logger.error('unexpected error', { ...fields, error: error.stack ?? error.message });
    if (wantsJson(c)) {
      return c.json({ error: { code: 'internal_error', message: 'Something went wrong on our side.' } }, 500);
    }
    const [title, message] = messagesFor(languageOf(c)).errors.internal_error!;
    return page(c, (language) => <ErrorPage language={language} title={title} message={message} />, 500);
  };
}

export function notFound(c: Context) {
  return errorResponse(c, new ServiceError('not_found', 'There is nothing at this address.'));
}
