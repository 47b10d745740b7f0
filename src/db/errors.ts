/** Whether a database error (or one it wraps) is a UNIQUE constraint failing. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (/UNIQUE constraint failed/.test(e.message)) return true;
  }
  return false;
}
