import { evaluate, parse, traverse, type DocumentNode, type ObjectNode } from '@humanwhocodes/momoa';
import type { Context } from 'hono';
import { ServiceError } from '../domain/errors.ts';

/**
 * The JSON body of an API write. Another media type gets 415; bytes that are not UTF-8, text that
 * is not JSON, and an object that names a field twice get 400 (JSON.parse would silently keep the
 * last of two, so what was checked might not be what was meant).
 */
export async function jsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ServiceError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(await c.req.arrayBuffer());
  } catch {
    throw new ServiceError('invalid_input', 'The body is not valid UTF-8.');
  }
  let document: DocumentNode;
  try {
    document = parse(text);
  } catch {
    throw new ServiceError('invalid_input', 'The body is not valid JSON.');
  }
  const repeated = repeatedKeys(document);
  if (repeated.length > 0) {
    throw new ServiceError(
      'invalid_input',
      'Some fields need attention.',
      Object.fromEntries(repeated.map((key) => [key, 'This field is given more than once.'])),
    );
  }
  return evaluate(document.body);
}

function repeatedKeys(document: DocumentNode): string[] {
  const repeated = new Set<string>();
  traverse(document, {
    enter(node) {
      if (node.type !== 'Object') return;
      const seen = new Set<string>();
      for (const { name } of (node as ObjectNode).members) {
        // Identifiers only occur in JSON5 mode; plain JSON names are strings.
        const key = name.type === 'String' ? name.value : name.name;
        if (seen.has(key)) repeated.add(key);
        seen.add(key);
      }
    },
  });
  return [...repeated];
}

/** The fields of a posted HTML form, as strings (a field posted twice keeps its last value). */
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
