import { MailMisconfigured, MailRejected, type Mailer, type MailMessage } from '../domain/mail.ts';

export interface HttpMailerOptions {
  /** The API endpoint, which takes `{ from, to, subject, text, html, headers }` as JSON (Resend's shape). */
  url: string;
  /** The batch endpoint, which takes an array of those (Resend's `/emails/batch`); none: one request a mail. */
  batchUrl?: string | undefined;
  /** Sent as `Authorization: Bearer <key>`. */
  key: string;
  from: string;
  timeoutMs?: number;
}

/** The most messages Resend's batch endpoint takes in one request. */
const BATCH_SIZE = 100;

/**
 * Sends mail through an HTTP mail API, for runtimes that cannot open SMTP connections (Workers),
 * one request a mail, or a hundred where the API has a batch endpoint.
 */
export function createHttpMailer(options: HttpMailerOptions): Mailer {
  const post = async (url: string, body: unknown) => {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.key}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new Error(`mail API unreachable: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!res.ok) throw classifyHttpAnswer(res.status, await res.text().catch(() => ''));
  };
  const send = (message: MailMessage) => post(options.url, { from: options.from, ...message });
  const { batchUrl } = options;
  if (!batchUrl) return { send };
  return {
    send,
    batchSize: BATCH_SIZE,
    async sendBatch(messages) {
      try {
        await post(batchUrl, messages.map((message) => ({ from: options.from, ...message })));
        return messages.map(() => undefined);
      } catch (error) {
        // A batch is refused as a whole for one bad message: each goes alone, so it holds back no
        // other; one after another, so that one bad message costs the API's rate limit no burst.
        if (!(error instanceof MailRejected)) throw error;
        const errors: (Error | undefined)[] = [];
        for (const message of messages) errors.push(await send(message).then(() => undefined, (single: Error) => single));
        return errors;
      }
    },
  };
}

/**
 * Whose fault a refused request is. 422 is the API's word on the message (Resend: its fields, such
 * as the recipient, do not validate): final for that message. 408 and 429 ask to come back later,
 * and 5xx is an outage. Any other 4xx (401, 403: a wrong key or an unverified domain) is our
 * configuration: retried like an outage until it is fixed. A refusal's body is not kept, since it
 * may quote the message; an outage's tells the operator what is down.
 */
export function classifyHttpAnswer(status: number, body: string): Error {
  const said = `mail API answered ${status}`;
  if (status === 422) return new MailRejected(said);
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) return new MailMisconfigured(said);
  return new Error(`${said}: ${body.slice(0, 200)}`);
}
