export const ERROR_CODES = [
  'invalid_input',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'letter_closed',
  'token_gone',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * A failure the user can act on, classified once here and mapped to a transport (HTTP status, page)
 * in one place at the edge. `fields` holds a message per input field for `invalid_input`.
 */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}
