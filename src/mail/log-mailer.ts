import type { Mailer, MailMessage } from '../domain/mail.ts';
import type { Logger } from '../log.ts';

export interface LogMailer extends Mailer {
  /** The latest messages, newest first, for the development outbox page. */
  recent(): readonly MailMessage[];
}

/**
 * The mailer of a fresh machine with no SMTP server: keeps the last few messages in memory for the
 * development outbox page and logs that it did, so the sign-and-confirm flow works end to end without
 * any set-up. The log line holds no address, name or link: logs travel further than a mailbox.
 */
export function createLogMailer(logger: Logger, outboxUrl: string | undefined, keep = 50): LogMailer {
  const messages: MailMessage[] = [];
  return {
    async send(message) {
      messages.unshift(message);
      messages.length = Math.min(messages.length, keep);
      logger.info('mail not sent: no mailer is configured', { subject: message.subject, outbox: outboxUrl });
    },
    recent: () => messages,
  };
}
