import type { MailJob } from './entities.ts';
import { maskAddresses } from './mask-addresses.ts';
import type { Store } from './store.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Further header fields (Message-ID, Auto-Submitted); a mail API gets them as they are. */
  headers?: Readonly<Record<string, string>>;
}

/** Sends one message. Throws {@link MailRejected} when retrying cannot help, anything else when it may. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** The mail server refused the message for good (an SMTP 5xx, say): retrying would not help. */
export class MailRejected extends Error {
  override name = 'MailRejected';
}

export interface DeliveryDeps {
  store: Store;
  mailer: Mailer;
  /** The message a job stands for now, or undefined when there is no one left to tell. */
  compose: (job: MailJob) => MailMessage | undefined;
  now: () => Date;
  retryBaseMs: number;
  maxAttempts: number;
  /**
   * How long a claim on a job lasts. It must outlast any send (the SMTP mailer gives up within a
   * minute); a job claimed by a mail sender that died is sent by another once its claim has passed.
   */
  claimMs: number;
}

const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;
/** Jobs claimed by one delivery pass at most. */
export const MAIL_PASS_SIZE = 200;

/**
 * Sends the mail jobs that are due, one claimed batch at a time, and returns how many it handled.
 * A failed send is retried with exponential backoff (base, 2×, 4×… up to an hour) until
 * `maxAttempts`; a job is claimed atomically, so two mail senders never send the same one.
 */
export async function deliverDueMail(deps: DeliveryDeps, batchSize = MAIL_PASS_SIZE): Promise<number> {
  const now = deps.now();
  const jobs = await deps.store.claimMail(now, new Date(now.getTime() + deps.claimMs), batchSize);
  const sent = await Promise.all(jobs.map((job) => deliver(deps, job)));
  // One statement for the pass, not one commit per mail.
  await deps.store.mailSent(jobs.filter((_, i) => sent[i]).map((job) => job.id));
  return jobs.length;
}

/** Sends one job's mail; true if it went (or there was nothing to send), false if it failed. */
async function deliver(deps: DeliveryDeps, job: MailJob): Promise<boolean> {
  const message = deps.compose(job);
  try {
    if (message) await deps.mailer.send(message);
    return true;
  } catch (error) {
    const reason = describe(error);
    const now = deps.now();
    if (error instanceof MailRejected || job.attempts >= deps.maxAttempts) {
      await deps.store.mailFailed(job.id, reason, { gaveUpAt: now });
    } else {
      const delay = Math.min(deps.retryBaseMs * 2 ** (job.attempts - 1), MAX_RETRY_DELAY_MS);
      await deps.store.mailFailed(job.id, reason, { retryAt: new Date(now.getTime() + delay) });
    }
    return false;
  }
}

/** A failure reason fit to store: short, and without the addresses a server's reply may quote. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return maskAddresses(message).slice(0, 500);
}
