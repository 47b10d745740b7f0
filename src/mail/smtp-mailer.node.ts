import { createPrivateKey, type KeyObject } from 'node:crypto';
import nodemailer from 'nodemailer';
import { MailRejected, type Mailer } from '../domain/mail.ts';
import { mimeMessage, senderOf } from './mime-message.node.ts';

/** A DKIM signing key, as nodemailer takes it (docs/deploying.md, "Mail that arrives"). */
export interface DkimKey {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

/**
 * Sends through an SMTP server over a small pool of reused connections, each message handed over
 * ready-made, and DKIM-signed by nodemailer when a key is given.
 */
export function createSmtpMailer(smtpUrl: string, from: string, dkim?: DkimKey): Mailer & { close(): void } {
  const sender = senderOf(from);
  // Bounded waits, so a send ends well within the outbox's claim on its job (MAIL_CLAIM_SECONDS).
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 5,
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
        // 5xx is the server's final word on this message; anything else (refused, timeout, 4xx) may pass.
        const code = (error as { responseCode?: number }).responseCode;
        if (code !== undefined && code >= 500) throw new MailRejected(`SMTP ${code}`);
        throw error;
      }
    },
    close: () => transport.close(),
  };
}

/** The key to sign with; stops the start when DKIM_PRIVATE_KEY is PEM but no key Node can sign with. */
function readableKey(pem: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch (error) {
    throw new Error(`DKIM_PRIVATE_KEY cannot be read as a private key: ${error instanceof Error ? error.message : String(error)}`);
  }
}
