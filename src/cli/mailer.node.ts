import { MAIL_PASS_SIZE } from '../domain/mail.ts';
import { loggerFor } from '../log.ts';
import { MAIL_WAKE_DELAY_MS, startMailSender } from '../mail/mail-sender.ts';
import { createSmtpMailer } from '../mail/smtp-mailer.node.ts';
import { createMailDelivery } from '../site.ts';
import { CliError, defineCommand } from './command.ts';
import { withDatabase } from './database.node.ts';

/**
 * How long an idle mailer waits before it looks at the outbox again. No signing wakes it (they happen
 * in the web process), so after a pass that found mail it looks again within MAIL_WAKE_DELAY_MS, and
 * only an idle outbox lets it wait this long: a lone signing's mail leaves within it.
 */
const IDLE_INTERVAL_MS = 1000;

export const mailerCommand = defineCommand({
  name: 'mailer',
  options: {},
  summary: "Send the outbox's mail, as a process of its own, until SIGTERM or SIGINT.",
  details: `With MAIL_SENDER=off the web server sends no mail itself, and its HTTP thread is left to the
requests. Run as many mailers as you like, on any machine that reaches the database: each job is
claimed by one of them. It uses the mail settings the server would (SMTP_URL or MAIL_API_URL, MAIL_FROM,
PUBLIC_URL for the links). On SIGTERM or SIGINT it finishes the pass it is in, then exits.`,
  run: () =>
    withDatabase(async ({ config, store }) => {
      // The log mailer would take each job off the outbox with nobody the wiser.
      if (!config.SMTP_URL && !config.MAIL_API_URL) throw new CliError('has no mail server to send to: set SMTP_URL or MAIL_API_URL');
      const logger = loggerFor(config.NODE_ENV);
      const delivery = createMailDelivery(config, store, { logger, smtpMailer: createSmtpMailer });
      const signals = ['SIGINT', 'SIGTERM'] as const;
      const stopping = new Promise<NodeJS.Signals>((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          for (const s of signals) process.off(s, stop);
          resolve(signal);
        };
        for (const s of signals) process.on(s, stop);
      });
      const sender = startMailSender(
        async () => {
          const handled = await delivery.deliver();
          if (handled > 0) sender.wake();
          return handled;
        },
        {
          intervalMs: IDLE_INTERVAL_MS,
          wakeDelayMs: MAIL_WAKE_DELAY_MS,
          passSize: MAIL_PASS_SIZE,
          onError: (error) => logger.error('outbox pass failed', { error: String(error) }),
        },
      );
      logger.info('The mailer is sending the outbox (SIGTERM or SIGINT stops it)');
      const signal = await stopping;
      // A second signal, while the pass in flight ends, stops it at once (Node's default).
      await sender.stop();
      delivery.close();
      logger.info('The mailer has stopped', { signal });
      return 0;
    }),
});
