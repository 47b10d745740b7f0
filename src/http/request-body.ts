import { parse, traverse, type DocumentNode, type ObjectNode } from '@humanwhocodes/momoa';
import type { Context } from 'hono';
import { ServiceError } from '../domain/errors.ts';

/**
 * A body that cannot be read as what it claims to be: cut short, not UTF-8, not JSON, nested past
 * reason, a form whose multipart framing is broken. A 400 like any bad input; logged as one line,
 * since it is the client's doing and no stack trace says more.
 */
export class MalformedBody extends ServiceError {
  constructor(message: string) {
    super('invalid_input', message);
  }
}

/** Deeper than any body the site takes; a limit, so that nothing that walks a body can run out of stack. */
export const MAX_JSON_DEPTH = 32;

/**
 * The JSON body of an API write. Another media type gets 415; a body cut short, bytes that are not
 * UTF-8, text that is not JSON or nests arrays and objects deeper than MAX_JSON_DEPTH, and an object
 * that names a field twice get 400 (JSON.parse would silently keep the last of two, so what was
 * checked might not be what was meant).
 */
export async function jsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ServiceError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
  }
  const bytes = await whole(c.req.arrayBuffer());
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new MalformedBody('The body is not valid UTF-8.');
  }
  const { colons, depth } = outsideStrings(text);
  // Checked before parsing: what walks the value, here and in momoa, recurses once per level.
  if (depth > MAX_JSON_DEPTH) throw new MalformedBody(`The body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MalformedBody('The body is not valid JSON.');
  }
  // Each member of an object has one colon outside strings. When the text has more of them than the
  // parsed value has members, a name was given twice, and momoa's syntax tree says which. Parsing
  // every body with momoa is slower (docs/performance.md#smaller-choices-on-the-hot-paths).
  if (colons !== memberCount(value)) {
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

/** The colons outside strings of a JSON text, and how deep its brackets and braces nest. */
function outsideStrings(text: string): { colons: number; depth: number } {
  let colons = 0;
  let open = 0;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x3a) colons++;
    else if (char === 0x5b || char === 0x7b) depth = Math.max(depth, ++open);
    else if (char === 0x5d || char === 0x7d) open--;
    else if (char === 0x22) {
      // Skip the string to its closing quote; a backslash escapes the character after it.
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    }
  }
  return { colons, depth };
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
  const fields: Record<string, string> = Object.create(null);
  for (const [key, values] of Object.entries(await formLists(c))) fields[key] = values.at(-1)!;
  return fields;
}

/** Whether a request says it carries a posted HTML form. */
export function isForm(c: Context): boolean {
  return /^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i.test(c.req.header('content-type') ?? '');
}

/** Every value of each field of a posted HTML form (files are left out). */
export async function formLists(c: Context): Promise<Record<string, string[]>> {
  if (!isForm(c)) {
    throw new ServiceError('unsupported_media_type', 'Send the form as a web form.');
  }
  await whole(c.req.arrayBuffer()); // kept by hono for parseBody
  // A multipart body without its boundary, or whose parts do not follow it, fails as a TypeError.
  const parsed = await whole(c.req.parseBody({ all: true }), 'The form could not be read: its multipart framing is broken.');
  const fields: Record<string, string[]> = Object.create(null);
  for (const [key, value] of Object.entries(parsed)) {
    const strings = [value].flat().filter((item) => typeof item === 'string');
    if (strings.length > 0) fields[key] = strings;
  }
  return fields;
}

/**
 * The body as read; a read that fails (the client hung up before the body was whole, or the body is
 * not what it claims to be) is the client's error, not the site's.
 */
async function whole<T>(read: Promise<T>, message = 'The body ended before it was whole.'): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    throw new MalformedBody(message);
  }
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
