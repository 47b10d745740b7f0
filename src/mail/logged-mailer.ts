import { MailRejected, type Mailer } from '../domain/mail.ts';
import type { Logger } from '../log.ts';

/**
 * Logs each send attempt of `mailer`: one line with its outcome and time, and for a failure whether
 * it is final and why (the logger masks any address a server's reply quotes). Never the recipient,
 * the subject or the text: they hold addresses, names and links.
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
        logger.warn('mail failed', {
          transport,
          ms: ms(),
          final: error instanceof MailRejected,
          error: (error instanceof Error ? error.message : String(error)).slice(0, 300),
        });
        throw error;
      }
    },
  };
}
