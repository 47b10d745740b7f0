import { MailRejected, type Mailer } from '../domain/mail.ts';
import type { Logger } from '../log.ts';

/**
 * Logs each send attempt of `mailer`: one line with its outcome and time, and for a failure whether
 * it is final and why. Never the recipient, the subject or the text: they hold addresses, names and
 * links.
 */
export function loggedMailer(mailer: Mailer, logger: Logger, transport: 'smtp' | 'http'): Mailer {
  return {
    async send(message) {
      const start = performance.now();
      const ms = () => Math.round(performance.now() - start);
      try {
        await mailer.send(message);
        logger.info('mail sent', { transport, ms: ms() });
      } catch (error) {
        logger.warn('mail failed', { transport, ms: ms(), final: error instanceof MailRejected, ...reasonOf(error) });
        throw error;
      }
    },
  };
}

/**
 * Why a send failed, without the server's own words: a refusal often quotes the mail it refuses (its
 * recipient, the name in it, its confirm link). What comes before the reply ("mail API answered 422",
 * "Message failed") and the reply's codes say enough; the whole reply is kept with the mail's job.
 */
function reasonOf(error: unknown): { error: string; code?: string; responseCode?: number } {
  const message = error instanceof Error ? error.message : String(error);
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  return {
    error: message.split(': ')[0]!.slice(0, 200),
    ...(typeof code === 'string' && { code }),
    ...(typeof responseCode === 'number' && { responseCode }),
  };
}
