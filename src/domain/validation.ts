import type { z } from 'zod';
import { ServiceError } from './errors.ts';

/**
 * Parses `data` with `schema`, or throws an `invalid_input` ServiceError with one message per field
 * (the first problem found for each), in words a person can act on.
 */
export function parseInput<T extends z.ZodType>(schema: T, data: unknown): z.output<T> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  // No prototype: field names come from the request, and one may well be "__proto__".
  const fields: Record<string, string> = Object.create(null);
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[key] ??= 'This field is not accepted.';
    } else if (issue.path.length === 0) {
      throw new ServiceError('invalid_input', issue.message);
    } else {
      fields[String(issue.path[0])] ??= issue.message;
    }
  }
  throw new ServiceError('invalid_input', 'Some fields need attention.', fields);
}
