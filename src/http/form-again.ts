import { ServiceError } from '../domain/errors.ts';

/** Messages by form field; `_` is for the form as a whole. */
export type FormErrors = Record<string, string>;

/**
 * Shows a form again when what was sent can be fixed in it: an `invalid_input` or `conflict` error
 * (a taken slug) becomes a message per field for `render`, and a message about no field goes under
 * `field`. Any other error is thrown on, to the error page.
 */
export function showFormAgain<T>(error: unknown, render: (errors: FormErrors) => T, field = '_'): T {
  if (error instanceof ServiceError && (error.code === 'invalid_input' || error.code === 'conflict')) {
    return render(error.fields ?? { [field]: error.message });
  }
  throw error;
}
