import { maskAddresses } from './domain/mask-addresses.ts';

/**
 * Structured logs, one line per event, the same on Node and Workers: JSON in production (for a log
 * collector), `level message key=value …` in development and tests (for a person).
 *
 * A dozen lines rather than a library: pino, the usual choice, is Node-first (its transports and
 * its fast writer are built on Node streams and worker threads), and Workers take whatever the
 * console prints; all a line needs here is a level, a message and a few fields.
 *
 * Fields must never hold an address, a name or a token: log the route pattern, not the path, and an
 * outcome, not a message. As a last guard, anything shaped like an email address is masked.
 *
 * @example
 * const logger = createLogger({ format: 'json' });
 * logger.info('request', { requestId, method: 'GET', route: '/l/:slug', status: 200, ms: 3 });
 */

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export interface LoggerOptions {
  format: 'json' | 'text';
  /** Where a finished line goes; by default the console (stderr for warnings and errors). */
  write?: (line: string, level: LogLevel) => void;
}

/** The logger for `NODE_ENV`: JSON lines in production, readable ones elsewhere. */
export function loggerFor(nodeEnv: string): Logger {
  return createLogger({ format: nodeEnv === 'production' ? 'json' : 'text' });
}

export function createLogger({ format, write = toConsole }: LoggerOptions): Logger {
  const line = format === 'json' ? jsonLine : textLine;
  const at = (level: LogLevel) => (message: string, fields: LogFields = {}) => write(line(level, message, fields), level);
  return { info: at('info'), warn: at('warn'), error: at('error') };
}

function jsonLine(level: LogLevel, message: string, fields: LogFields): string {
  const entry: Record<string, unknown> = { time: new Date().toISOString(), level, msg: maskAddresses(message) };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) entry[key] = typeof value === 'string' ? maskAddresses(value) : value;
  }
  // JSON escapes line breaks, so a stack trace stays on its line.
  return JSON.stringify(entry);
}

function textLine(level: LogLevel, message: string, fields: LogFields): string {
  let text = `${level} ${oneLine(maskAddresses(message))}`;
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const shown = typeof value === 'string' ? maskAddresses(value) : String(value);
    text += ` ${key}=${/^[^\s"=]+$/.test(shown) ? shown : JSON.stringify(shown)}`;
  }
  return text;
}

const oneLine = (text: string) => text.replace(/\r?\n/g, '\\n');

function toConsole(line: string, level: LogLevel) {
  if (level === 'info') console.log(line);
  else console.error(line);
}
