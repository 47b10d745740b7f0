import { MailRejected, type Mailer } from '../domain/mail.ts';

export interface HttpMailerOptions {
  /** The API endpoint, which takes `{ from, to, subject, text, html }` as JSON (Resend's shape). */
  url: string;
  /** Sent as `Authorization: Bearer <key>`. */
  key: string;
  from: string;
  timeoutMs?: number;
}

/**
 * Sends mail through an HTTP mail API, for runtimes that cannot open SMTP connections (Workers). A
 * 4xx answer is final (the message is wrong, so retrying cannot help) except 408 and 429, which ask
 * to come back later; 5xx, timeouts and network errors are retried by the outbox.
 */
export function createHttpMailer(options: HttpMailerOptions): Mailer {
  return {
    async send(message) {
      let res: Response;
      try {
        res = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${options.key}` },
          body: JSON.stringify({ from: options.from, ...message }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        throw new Error(`mail API unreachable: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (res.ok) return;
      const reason = `mail API answered ${res.status}: ${(await res.text().catch(() => '')).slice(0, 200)}`;
      if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw new MailRejected(reason);
      throw new Error(reason);
    },
  };
}
