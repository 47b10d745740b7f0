import type { Context } from 'hono';
import { ServiceError } from '../domain/errors.ts';

/** The JSON body of an API write; other media types get 415 and broken JSON 400. */
export async function jsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ServiceError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
  }
  try {
    return JSON.parse(await c.req.text());
  } catch {
    throw new ServiceError('invalid_input', 'The body is not valid JSON.');
  }
}

/** The fields of a posted HTML form, as strings (a form posts each field once). */
export async function formBody(c: Context): Promise<Record<string, string>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i.test(type)) {
    throw new ServiceError('unsupported_media_type', 'Send the form as a web form.');
  }
  const fields: Record<string, string> = Object.create(null);
  for (const [key, value] of Object.entries(await c.req.parseBody())) {
    if (typeof value === 'string') fields[key] = value;
  }
  return fields;
}
