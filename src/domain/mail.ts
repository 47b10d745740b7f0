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

/**
 * Sends mail. `send` throws {@link MailRejected} when the recipient refused the message for good,
 * {@link MailMisconfigured} when our own set-up is at fault, anything else for an outage.
 */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /**
   * Sends several messages in one request, where the mail service has a batch endpoint: for each
   * message, in order, undefined if it went or what `send` would have thrown.
   */
  sendBatch?(messages: MailMessage[]): Promise<(Error | undefined)[]>;
  /** The most messages `sendBatch` takes at once. */
  batchSize?: number;
}

/** The recipient refused the message for good (user unknown, say): retrying would not help. */
export class MailRejected extends Error {
  override name = 'MailRejected';
}

/**
 * The mail server refused us, not the recipient: bad credentials, relay denied, a TLS certificate
 * that does not check. Retried like an outage, since the links must survive until someone fixes it,
 * and raised as an alarm for organizers when no other mail of its pass went.
 */
export class MailMisconfigured extends Error {
  override name = 'MailMisconfigured';
}

/** Why a send failed, in words fit for logs and organizers' pages: never an address, name or link. */
export function mailFailureReason(error: unknown): string {
  // Our own errors are made of codes; others are cut before the server's reply, which may quote the mail.
  const message = error instanceof Error ? error.message : String(error);
  const words = error instanceof MailRejected || error instanceof MailMisconfigured ? message : message.split(': ')[0]!;
  return maskAddresses(words).slice(0, 200);
}

export interface DeliveryDeps {
  store: Store;
  mailer: Mailer;
  /** The message a job stands for now, or undefined when there is no one left to tell. */
  compose: (job: MailJob) => MailMessage | undefined;
  now: () => Date;
  retryBaseMs: number;
  /**
   * How long a claim on a job lasts. A job claimed by a mail sender that died is sent by another
   * once its claim has passed; a pass renews the claim of its unsent jobs as it goes.
   */
  claimMs: number;
  /** The longest one send (or batch) may take: no job is sent with less of its claim left. */
  sendTimeoutMs: number;
  /** Sends (or batches) under way at once: no more than the mailer takes without queueing them. */
  concurrency: number;
}

const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;
/**
 * Jobs claimed by one delivery pass at most. A pass costs two commits and ends with its slowest
 * send, so under a backlog larger passes keep more connections busy (docs/performance.md, "Mail");
 * a sender that dies mid-pass may send again at most a pass of mails already sent.
 */
export const MAIL_PASS_SIZE = 500;

type Outcome = { kind: 'sent' | 'skipped' | 'failed' } | { kind: 'misconfigured'; reason: string };

/**
 * Sends the mail jobs that are due, one claimed pass at a time, and returns how many it claimed.
 * A failed send is retried with exponential backoff (base, 2×, 4×… up to an hour) for as long as
 * the job's links work; only the recipient's own refusal, or links that expired, end a job. A job
 * is sent only while this sender's claim on it lasts: the claim is renewed as the pass goes, and a
 * job another sender took meanwhile is left to it, so two senders never send the same job.
 */
export async function deliverDueMail(deps: DeliveryDeps, batchSize = MAIL_PASS_SIZE): Promise<number> {
  const now = deps.now();
  const claimedUntil = new Date(now.getTime() + deps.claimMs);
  const jobs = await deps.store.claimMail(now, claimedUntil, batchSize);
  if (jobs.length === 0) return 0;
  const outcomes = new Map<number, Outcome>();
  const units = chunk(jobs, deps.mailer.sendBatch ? (deps.mailer.batchSize ?? 1) : 1);
  const claim = passClaim(deps, claimedUntil, jobs);
  const work = async () => {
    for (let unit = units.shift(); unit; unit = units.shift()) {
      const ours = await claim.keep(unit);
      for (const [job, outcome] of await sendUnit(deps, ours)) outcomes.set(job.id, outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.concurrency, units.length) }, work));

  const ids = (kind: Outcome['kind']) => [...outcomes].filter(([, o]) => o.kind === kind).map(([id]) => id);
  const sent = ids('sent');
  // One statement batch for the pass, not one commit per mail; it clears the alarm if a mail went.
  await deps.store.mailSent(sent, ids('skipped'), deps.now());
  // A mail that went in this pass shows the server takes our configuration: a refusal of another
  // (a relay's spam filter reading what a signer typed, say) is about that mail, and no alarm.
  const misconfigured = sent.length === 0 && [...outcomes.values()].find((o) => o.kind === 'misconfigured');
  if (misconfigured) await deps.store.raiseMailAlarm({ since: deps.now(), reason: misconfigured.reason });
  return jobs.length;
}

/**
 * This pass's claim: before each send, makes sure the claim has a send's time left (or half of it,
 * if a send may take longer than a claim lasts), and if not, renews it in one statement for the
 * pass's jobs that are still ours: unsent, under way and sent but not yet cleared, so that no other
 * sender takes a job before its mail goes and its job is deleted. Jobs whose claim another sender
 * holds by then are dropped: theirs to send.
 */
function passClaim(deps: DeliveryDeps, until: Date, jobs: MailJob[]) {
  const margin = Math.min(deps.sendTimeoutMs, deps.claimMs / 2);
  let renewing: Promise<void> | undefined;
  const lost = new Set<number>();
  const renew = async () => {
    const next = new Date(deps.now().getTime() + deps.claimMs);
    const ids = jobs.map((job) => job.id).filter((id) => !lost.has(id));
    const kept = new Set(await deps.store.renewMailClaim(ids, until, next));
    for (const id of ids) if (!kept.has(id)) lost.add(id);
    until = next;
  };
  return {
    async keep(unit: MailJob[]): Promise<MailJob[]> {
      if (until.getTime() - deps.now().getTime() < margin) {
        renewing ??= renew().finally(() => (renewing = undefined));
        await renewing;
      }
      return unit.filter((job) => !lost.has(job.id));
    },
  };
}

/** Sends one job's mail, or a batch of them, and records each failure. */
async function sendUnit(deps: DeliveryDeps, jobs: MailJob[]): Promise<[MailJob, Outcome][]> {
  const messages = jobs.map((job) => deps.compose(job));
  const due = jobs.flatMap((job, i) => (messages[i] ? [{ job, message: messages[i] }] : []));
  let errors: (unknown | undefined)[];
  if (due.length > 1 && deps.mailer.sendBatch) {
    errors = await deps.mailer.sendBatch(due.map((d) => d.message)).catch((error: unknown) => due.map(() => error));
  } else {
    errors = await Promise.all(due.map((d) => deps.mailer.send(d.message).then(() => undefined, (error: unknown) => error ?? new Error('send failed'))));
  }
  const outcomes = new Map<MailJob, Outcome>(jobs.map((job) => [job, { kind: 'skipped' }]));
  await Promise.all(
    due.map(async ({ job }, i) => {
      const error = errors[i];
      outcomes.set(job, error === undefined ? { kind: 'sent' } : await failed(deps, job, error));
    }),
  );
  return [...outcomes];
}

/** Records a failed send: retried later while the job's links still work, else given up on. */
async function failed(deps: DeliveryDeps, job: MailJob, error: unknown): Promise<Outcome> {
  const now = deps.now();
  const reason = mailFailureReason(error);
  const detail = detailOf(error);
  const delay = Math.min(deps.retryBaseMs * 2 ** (job.attempts - 1), MAX_RETRY_DELAY_MS);
  const retryAt = new Date(now.getTime() + delay);
  if (error instanceof MailRejected || retryAt >= job.linksExpireAt) {
    await deps.store.mailFailed(job.id, { detail, reason, at: now }, { gaveUpAt: now });
  } else {
    await deps.store.mailFailed(job.id, { detail, reason, at: now }, { retryAt });
  }
  return error instanceof MailMisconfigured ? { kind: 'misconfigured', reason } : { kind: 'failed' };
}

/** A failure as kept with its job, for the operator, without addresses. */
function detailOf(error: unknown): string {
  return maskAddresses(error instanceof Error ? error.message : String(error)).slice(0, 500);
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
