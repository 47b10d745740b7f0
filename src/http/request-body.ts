import { parse, traverse, type DocumentNode, type ObjectNode } from '@humanwhocodes/momoa';
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
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ServiceError('invalid_input', 'The body is not valid JSON.');
  }
  // Each member of an object has one colon outside strings. When the text has more of them than the
  // parsed value has members, a name was given twice, and momoa's syntax tree says which. Parsing
  // every body with momoa instead cost a tenth of a signing's time.
  if (colonsOutsideStrings(text) !== memberCount(value)) {
    const repeated = repeatedKeys(parse(text));
    if (repeated.length > 0) {
      throw new ServiceError(
        'invalid_input',
        'Some fields need attention.',
        Object.fromEntries(repeated.map((key) => [key, 'This field is given more than once.'])),
      );
    }
  }
  return value;
}

/** The colons of a valid JSON text that are not inside a string. */
function colonsOutsideStrings(text: string): number {
  let colons = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x3a) colons++;
    else if (char === 0x22) {
      // Skip the string to its closing quote; a backslash escapes the character after it.
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    }
  }
  return colons;
}

/** The members of every object in a parsed JSON value. */
function memberCount(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let count = Array.isArray(value) ? 0 : Object.keys(value).length;
  for (const item of Object.values(value)) count += memberCount(item);
  return count;
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

const TICKED: Record<string, boolean> = { true: true, on: true, '1': true, false: false, off: false, '0': false };

/**
 * A form checkbox as a boolean: absent (a browser sends no unticked box), "false", "0" or "off" is
 * false; "true", "on" or "1" is true. Anything else comes back as it was sent, for the input's own
 * check to refuse: no mere presence of a field may count as a yes.
 */
export function checkbox(value: string | undefined): boolean | string {
  if (value === undefined) return false;
  return TICKED[value.trim().toLowerCase()] ?? value;
}
