import nodemailer from 'nodemailer';
import { MailRejected, type Mailer } from '../domain/mail.ts';

/** Sends through an SMTP server over a small pool of reused connections. */
export function createSmtpMailer(smtpUrl: string, from: string): Mailer & { close(): void } {
  // Bounded waits, so a send ends well within the outbox's claim on its job (MAIL_CLAIM_SECONDS).
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 5,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(message) {
      try {
        await transport.sendMail({ from, ...message });
      } catch (error) {
        // 5xx is the server's final word on this message; anything else (refused, timeout, 4xx) may pass.
        const code = (error as { responseCode?: number }).responseCode;
        if (code !== undefined && code >= 500) throw new MailRejected(`SMTP ${code}`);
        throw error;
      }
    },
    close: () => transport.close(),
  };
}
