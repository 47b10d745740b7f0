import type { Mailer, MailMessage } from '../domain/mail.ts';

export interface LogMailer extends Mailer {
  /** The latest messages, newest first, for the development outbox page. */
  recent(): readonly MailMessage[];
}

/**
 * The mailer of a fresh machine with no SMTP server: prints each message to the log and keeps the
 * last few in memory, so the sign-and-confirm flow works end to end without any set-up.
 */
export function createLogMailer(log: (line: string) => void, keep = 50): LogMailer {
  const messages: MailMessage[] = [];
  return {
    async send(message) {
      messages.unshift(message);
      messages.length = Math.min(messages.length, keep);
      log(`mail to ${message.to}: ${message.subject}\n${message.text}`);
    },
    recent: () => messages,
  };
}
