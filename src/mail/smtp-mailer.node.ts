import { createPrivateKey, type KeyObject } from 'node:crypto';
import nodemailer from 'nodemailer';
import { MailMisconfigured, MailRejected, type Mailer } from '../domain/mail.ts';
import { maskAddresses } from '../domain/mask-addresses.ts';
import { mimeMessage, senderOf } from './mime-message.node.ts';

/** A DKIM signing key, as nodemailer takes it (docs/deploying.md, "Mail that arrives"). */
export interface DkimKey {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

export interface SmtpMailerOptions {
  url: string;
  from: string;
  /** Connections in the pool, and so the sends under way at once without queueing. */
  connections: number;
  dkim?: DkimKey | undefined;
}

/**
 * Sends through an SMTP server over a pool of reused connections, each message handed over
 * ready-made, and DKIM-signed by nodemailer when a key is given.
 */
export function createSmtpMailer({ url, from, connections, dkim }: SmtpMailerOptions): Mailer & { close(): void; connections: number } {
  const sender = senderOf(from);
  // Bounded waits, so a send ends well within the outbox's claim on its job (MAIL_CLAIM_SECONDS).
  const transport = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: connections,
    // A connection carries many messages before it is opened afresh: a new one costs a handshake.
    maxMessages: 1000,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // The key read once: read from PEM at each signing, it would cost more than the signing itself.
    ...(dkim && { dkim: { ...dkim, privateKey: readableKey(dkim.privateKey) } }),
  });
  return {
    async send(message) {
      try {
        await transport.sendMail({ envelope: { from: sender.address, to: [message.to] }, raw: mimeMessage(message, sender, new Date()) });
      } catch (error) {
        throw classifySmtpError(error);
      }
    },
    close: () => transport.close(),
    connections,
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
 * (550/551/553 on RCPT TO: mailbox unavailable, user unknown, bad address; or any 5xx there whose
 * enhanced status names a bad destination address, 5.1.x) ends the job. A refusal
 * of us (authentication, relay or access denied, policy: enhanced status 5.7.x, a rejected sender,
 * a TLS failure, any other 5xx) is our configuration; everything else (4xx, a full mailbox,
 * timeouts, a connection that drops) is an outage. The errors made here carry codes only: the
 * server's reply may quote the mail.
 */
export function classifySmtpError(error: unknown): unknown {
  const { code, originalCode, responseCode, command, response } = (error ?? {}) as SmtpError;
  const step = command ? ` on ${command}` : '';
  const said = `SMTP ${responseCode ?? code ?? 'error'}${step}${originalCode ? ` (${originalCode})` : ''}`;
  const status = enhancedStatus(response ?? '');
  const policy = status ? status.subject === 7 : /relay|access denied|authenticat/i.test(maskAddresses(response ?? ''));
  const badAddress = responseCode === 550 || responseCode === 551 || responseCode === 553 || (status?.subject === 1 && DESTINATION.has(status.detail));
  if (command === 'RCPT TO' && responseCode !== undefined && responseCode >= 500 && badAddress && !policy) {
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
 * The enhanced status code of a reply (RFC 3463), where it has one. Its subject says whose the
 * refusal is: 7 (security or policy) is about us, 1 (addressing) with a destination detail about
 * the address. Without one, the reply's words decide whether it is about us, read without the
 * addresses in it (a recipient named relay@… is still a recipient).
 */
function enhancedStatus(response: string): { subject: number; detail: number } | undefined {
  const enhanced = /^\d{3}[ -]\d\.(\d{1,3})\.(\d{1,3})\b/.exec(response);
  return enhanced ? { subject: Number(enhanced[1]), detail: Number(enhanced[2]) } : undefined;
}

/** X.1.y details about the destination: bad mailbox, bad system, bad syntax, ambiguous, moved, null MX. */
const DESTINATION: ReadonlySet<number> = new Set([1, 2, 3, 4, 6, 10]);

/** The key to sign with; stops the start when DKIM_PRIVATE_KEY is PEM but no key Node can sign with. */
function readableKey(pem: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch (error) {
    throw new Error(`DKIM_PRIVATE_KEY cannot be read as a private key: ${error instanceof Error ? error.message : String(error)}`);
  }
}
