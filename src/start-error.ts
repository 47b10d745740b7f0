/**
 * A reason the server or a command cannot start that the operator can fix (a port in use, a database
 * that cannot be opened): the entry shows its message as one line, without a stack trace.
 */
export class StartError extends Error {
  override name = 'StartError';
}
