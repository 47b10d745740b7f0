import nodemailer from 'nodemailer';
import { MailMisconfigured, MailRejected, type Mailer } from '../domain/mail.ts';
import { maskAddresses } from '../domain/mask-addresses.ts';

/** Connections in the pool, and so the sends under way at once without queueing. */
const MAX_CONNECTIONS = 5;

/** Sends through an SMTP server over a small pool of reused connections. */
export function createSmtpMailer(smtpUrl: string, from: string): Mailer & { close(): void; connections: number } {
  // Bounded waits, so a send ends well within the outbox's claim on its job (MAIL_CLAIM_SECONDS).
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: MAX_CONNECTIONS,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(message) {
      try {
        await transport.sendMail({ from, ...message });
      } catch (error) {
        throw classifySmtpError(error);
      }
    },
    close: () => transport.close(),
    connections: MAX_CONNECTIONS,
  };
}

/** What nodemailer puts on its errors (see its smtp-connection: `_formatError`). */
interface SmtpError {
  code?: string;
  originalCode?: string;
  responseCode?: number;
  command?: string;
  response?: string;
}

/**
 * Whose fault a failed send is. Only the recipient's own server saying no to the address for good
 * (550/551/553 on RCPT TO: mailbox unavailable, user unknown, bad address) ends the job. A refusal
 * of us (authentication, relay or access denied, policy: enhanced status 5.7.x, a rejected sender,
 * a TLS failure, any other 5xx) is our configuration; everything else (4xx, a full mailbox,
 * timeouts, a connection that drops) is an outage. The errors made here carry codes only: the
 * server's reply may quote the mail.
 */
export function classifySmtpError(error: unknown): unknown {
  const { code, originalCode, responseCode, command, response } = (error ?? {}) as SmtpError;
  const step = command ? ` on ${command}` : '';
  const said = `SMTP ${responseCode ?? code ?? 'error'}${step}${originalCode ? ` (${originalCode})` : ''}`;
  const policy = refusesUs(response ?? '');
  if (command === 'RCPT TO' && (responseCode === 550 || responseCode === 551 || responseCode === 553) && !policy) {
    return new MailRejected(said, { cause: error });
  }
  if (code === 'EAUTH' || code === 'ETLS' || /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/.test(originalCode ?? '')) {
    return new MailMisconfigured(said, { cause: error });
  }
  // A full mailbox may empty: its owner's server says so, not ours.
  if (command === 'RCPT TO' && responseCode === 552) return new Error(said, { cause: error });
  if (responseCode !== undefined && (responseCode >= 500 || responseCode === 530)) {
    return new MailMisconfigured(said, { cause: error });
  }
  // Worth another try; the reply's words, which may quote the mail, stay out of what is kept.
  return responseCode === undefined ? error : new Error(said, { cause: error });
}

/**
 * Whether a refusal is about us rather than the address: its enhanced status code says so where it
 * has one (5.7.x: security or policy, RFC 3463), else its words, read without the addresses in it
 * (a recipient named relay@… is still a recipient).
 */
function refusesUs(response: string): boolean {
  const enhanced = /^\d{3}[ -](\d)\.(\d{1,3})\.\d{1,3}\b/.exec(response);
  if (enhanced) return enhanced[2] === '7';
  return /relay|access denied|authenticat/i.test(maskAddresses(response));
}
