import { MailMisconfigured, MailRejected, mailFailureReason, type Mailer } from '../domain/mail.ts';
import type { Logger } from '../log.ts';

/**
 * Logs each send attempt of `mailer`: one line with its outcome and time (a batch's: one line, and
 * one for each of its mails that failed), and for a failure whose fault it is and why. Never the
 * recipient, the subject or the text: they hold addresses, names and links.
 */
export function loggedMailer(mailer: Mailer, logger: Logger, transport: 'smtp' | 'http'): Mailer {
  const failed = (error: unknown, ms: number) => {
    const fault = faultOf(error);
    const fields = { transport, ms, fault, final: error instanceof MailRejected, ...reasonOf(error) };
    // Our configuration is an operator's to fix, and every mail waits for it: an error, not a warning.
    if (fault === 'configuration') logger.error('mail failed', fields);
    else logger.warn('mail failed', fields);
  };
  const logged: Mailer = {
    async send(message) {
      const start = performance.now();
      try {
        await mailer.send(message);
        logger.info('mail sent', { transport, ms: Math.round(performance.now() - start) });
      } catch (error) {
        failed(error, Math.round(performance.now() - start));
        throw error;
      }
    },
  };
  const { sendBatch } = mailer;
  if (!sendBatch) return logged;
  return {
    ...logged,
    ...(mailer.batchSize !== undefined && { batchSize: mailer.batchSize }),
    async sendBatch(messages) {
      const start = performance.now();
      const ms = () => Math.round(performance.now() - start);
      let errors: (Error | undefined)[];
      try {
        errors = await sendBatch.call(mailer, messages);
      } catch (error) {
        failed(error, ms());
        throw error;
      }
      for (const error of errors) if (error) failed(error, ms());
      logger.info('mail batch sent', { transport, ms: ms(), sent: errors.filter((e) => !e).length, of: messages.length });
      return errors;
    },
  };
}

/** Whose fault a failed send is: the recipient's refusal, our configuration, or an outage. */
function faultOf(error: unknown): 'recipient' | 'configuration' | 'outage' {
  return error instanceof MailRejected ? 'recipient' : error instanceof MailMisconfigured ? 'configuration' : 'outage';
}

/**
 * Why a send failed, without the server's own words: a refusal often quotes the mail it refuses (its
 * recipient, the name in it, its confirm link). The reason and the reply's codes say enough; the
 * whole reply, without addresses, is kept with the mail's job.
 */
function reasonOf(error: unknown): { error: string; code?: string; responseCode?: number } {
  const cause = error instanceof Error && error.cause ? error.cause : error;
  const { code, responseCode } = (cause ?? {}) as { code?: unknown; responseCode?: unknown };
  return {
    error: mailFailureReason(error),
    ...(typeof code === 'string' && { code }),
    ...(typeof responseCode === 'number' && { responseCode }),
  };
}
