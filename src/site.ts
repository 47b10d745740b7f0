import type { Context, MiddlewareHandler } from 'hono';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { storedCountKey, storedSecret } from './db/settings.ts';
import { updateListReleases } from './domain/list-release.ts';
import { deliverDueMail, type Mailer, type MailMessage } from './domain/mail.ts';
import { createRateLimits } from './domain/rate-limits.ts';
import type { Store } from './domain/store.ts';
import { createHmac, newToken, type Hashing } from './domain/tokens.ts';
import type { LiveStream } from './http/event-stream.ts';
import { createProofOfWork } from './http/proof-of-work.ts';
import { createCountHub } from './live/count-hub.ts';
import { createHttpMailer } from './mail/http-mailer.ts';
import { composeMail } from './mail/messages.ts';

/** What differs between runtimes; everything else about a site is the same on Node and Workers. */
export interface Runtime {
  log: (line: string) => void;
  /** SHA-256 and HMAC: the runtime's own where it is faster than Web Crypto (Node). */
  hashing: Hashing;
  /** The address of the connection a request came over. */
  connectionAddress: (c: Context) => string | undefined;
  /** Server-Sent Events for the live count, where the runtime holds connections open (Node). */
  liveStream?: LiveStream;
  staticFiles?: MiddlewareHandler;
  /** gzip, where the platform does not compress responses itself. */
  gzip?: (text: string) => Uint8Array<ArrayBuffer>;
  devOutbox?: () => readonly MailMessage[];
  /** A signing has queued mail: send it soon. */
  onMailQueued: (c: Context) => void;
}

/**
 * Builds a site from its configuration, database and mailer: its fetch handler, and the periodic jobs
 * that the runtime schedules (timers on Node, cron and waitUntil on Workers): the outbox pass, and
 * the release of names waiting for a threshold.
 */
export async function createSite(config: Config, db: Database, store: Store, mailer: Mailer, runtime: Runtime) {
  const now = () => new Date();
  const secret = config.SECRET ?? (await storedSecret(db, newToken));
  const countKey = await storedCountKey(db);
  const hmac = createHmac(runtime.hashing, secret);
  const counts = createCountHub((slug) => store.letterBySlug(slug), config.COUNT_REFRESH_MS);
  const { fetch } = createApp({
    store,
    counts,
    limits: createRateLimits({
      signPerAddress: config.LIMIT_SIGN_PER_ADDRESS,
      signPerLetter: config.LIMIT_SIGN_PER_LETTER,
      loginPerAddress: config.LIMIT_LOGIN_PER_ADDRESS,
      linksPerAddress: config.LIMIT_LINKS_PER_ADDRESS,
      signWithoutProofPerAddress: config.LIMIT_SIGN_WITHOUT_PROOF_PER_ADDRESS,
    }),
    trustProxy: config.TRUST_PROXY,
    ipv6PrefixBits: config.IPV6_PREFIX_BITS,
    formMinSeconds: config.FORM_MIN_SECONDS,
    formMaxSeconds: config.FORM_MAX_SECONDS,
    proofOfWork: createProofOfWork({ hmac, now, cost: config.PROOF_OF_WORK_COST, floodAbove: config.PROOF_OF_WORK_ABOVE }),
    minDomainSigners: config.MIN_DOMAIN_SIGNERS,
    now,
    hmac,
    emailKey: (canonical) => hmac(`email\u0000${canonical}`),
    domainKey: (domain) => hmac(`domain\u0000${domain}`),
    mailsPerMailbox: config.MAILS_PER_MAILBOX_PER_DAY,
    publicUrl: config.PUBLIC_URL,
    countKey,
    ...runtime,
  });
  const deliver = () =>
    deliverDueMail({
      store,
      mailer,
      compose: (job) => composeMail(job, config.PUBLIC_URL),
      now,
      retryBaseMs: config.MAIL_RETRY_BASE_SECONDS * 1000,
      maxAttempts: config.MAIL_MAX_ATTEMPTS,
      claimMs: config.MAIL_CLAIM_SECONDS * 1000,
    });
  const releaseNames = () => updateListReleases(store, now(), config.THRESHOLD_DOMAIN_SHARE);
  return { fetch, counts, deliver, releaseNames };
}

/** The HTTP mail API mailer if one is configured. */
export function apiMailer(config: Config): Mailer | undefined {
  return config.MAIL_API_URL && config.MAIL_API_KEY
    ? createHttpMailer({ url: config.MAIL_API_URL, key: config.MAIL_API_KEY, from: config.MAIL_FROM })
    : undefined;
}
