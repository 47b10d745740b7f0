import type { Context, MiddlewareHandler } from 'hono';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { storedCountKey, storedSecret } from './db/settings.ts';
import { updateListReleases } from './domain/list-release.ts';
import { deliverDueMail, MAIL_PASS_SIZE, type Mailer, type MailMessage } from './domain/mail.ts';
import { createRateLimits } from './domain/rate-limits.ts';
import type { Store } from './domain/store.ts';
import { createHmac, newToken, type Hashing } from './domain/tokens.ts';
import type { LiveStream } from './http/event-stream.ts';
import { createProofOfWork } from './http/proof-of-work.ts';
import { createCachedStore } from './live/cached-store.ts';
import { createCountHub } from './live/count-hub.ts';
import type { Logger } from './log.ts';
import { createHttpMailer } from './mail/http-mailer.ts';
import { createLogMailer } from './mail/log-mailer.ts';
import { loggedMailer } from './mail/logged-mailer.ts';
import { createMailComposer } from './mail/messages.ts';
import { createCardDrawer, type CardKit } from './views/link-card.ts';
import type { EditionPdfMaker } from './views/edition.tsx';
import type { SmtpMailerOptions } from './mail/smtp-mailer.node.ts';

/** The longest a send may take: the SMTP mailer's and the HTTP mailer's waits both end within it. */
const MAIL_SEND_TIMEOUT_MS = 60_000;
/** Requests to an HTTP mail API under way at once. */
const HTTP_MAIL_REQUESTS = 20;

/** What differs between runtimes; everything else about a site is the same on Node and Workers. */
export interface Runtime {
  logger: Logger;
  /** SHA-256 and HMAC: the runtime's own where it is faster than Web Crypto (Node). */
  hashing: Hashing;
  /** The address of the connection a request came over. */
  connectionAddress: (c: Context) => string | undefined;
  /** Server-Sent Events for the live count, where the runtime holds connections open (Node). */
  liveStream?: LiveStream;
  staticFiles?: MiddlewareHandler;
  /** gzip, where the platform does not compress responses itself. */
  gzip?: (text: string) => Uint8Array<ArrayBuffer>;
  /** Opens an SMTP mailer, where the runtime may open SMTP connections (Node; Workers may not). */
  smtpMailer?: (options: SmtpMailerOptions) => Mailer & { close(): void; connections: number };
  /** A signing has queued mail: send it soon. */
  onMailQueued: (c: Context) => void;
  /** Runs after each purge, e.g. to empty a write-ahead log that may still hold purged rows. */
  afterPurge?: () => Promise<void>;
  /** Loads what link preview cards are drawn with (satori's wasm, the fonts, resvg). */
  cardKit: () => Promise<CardKit>;
  /** Makes PDF editions, where the runtime can (Node: pdfkit reads its files from disk). */
  editionPdf?: (publicUrl: string, onMissingGlyphs: (text: string) => void) => EditionPdfMaker;
}

/**
 * Builds a site from its configuration, database and store: its fetch handler, and the periodic jobs
 * that the runtime schedules (timers on Node, cron and waitUntil on Workers): the outbox pass, the
 * release of names waiting for a threshold, and the purge. The jobs log their own failures.
 */
export async function createSite(config: Config, db: Database, store: Store, runtime: Runtime) {
  const { logger } = runtime;
  const now = () => new Date();
  const secret = config.SECRET ?? (await storedSecret(db, newToken));
  const countKey = await storedCountKey(db);
  const hmac = createHmac(runtime.hashing, secret);
  const counts = createCountHub((slug) => store.letterBySlug(slug), config.COUNT_REFRESH_MS);
  const cachedStore = createCachedStore(store, counts);
  const mail = createMailDelivery(config, store, runtime);
  const { fetch } = createApp({
    store: cachedStore,
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
    logger,
    hashing: runtime.hashing,
    connectionAddress: runtime.connectionAddress,
    onMailQueued: runtime.onMailQueued,
    ...(runtime.liveStream && { liveStream: runtime.liveStream }),
    ...(runtime.staticFiles && { staticFiles: runtime.staticFiles }),
    ...(runtime.gzip && { gzip: runtime.gzip }),
    linkCards: createCardDrawer(runtime.cardKit, (text, lang) => logger.warn('no bundled font draws this text of a link card', { text, lang })),
    ...(mail.devOutbox && { devOutbox: mail.devOutbox }),
    ...(runtime.editionPdf && {
      editionPdf: runtime.editionPdf(config.PUBLIC_URL, (text) => logger.warn('no bundled font draws these characters of a PDF edition', { text })),
    }),
  });
  const releaseNames = async () => {
    try {
      await updateListReleases(store, now(), config.THRESHOLD_DOMAIN_SHARE);
    } catch (error) {
      logger.error('threshold check failed', { error: messageOf(error) });
    }
  };
  const purge = async () => {
    try {
      const { unverified, anonymised } = await store.purge(now());
      await runtime.afterPurge?.();
      if (unverified + anonymised > 0) logger.info('purged', { unconfirmedDeleted: unverified, emailsRemoved: anonymised });
    } catch (error) {
      logger.error('purge failed', { error: messageOf(error) });
    }
  };
  const close = () => {
    counts.close();
    mail.close();
  };
  return { fetch, counts, deliver: mail.deliver, releaseNames, purge, close };
}

/**
 * One outbox delivery pass with the configured mailer: what a site's own sender runs, and what
 * `undersigned mailer` runs in a process of its own.
 */
export function createMailDelivery(config: Config, store: Store, runtime: Pick<Runtime, 'logger' | 'smtpMailer'>) {
  const mail = chooseMailer(config, runtime);
  const compose = createMailComposer({ publicUrl: config.PUBLIC_URL, messageIdDomain: config.MAIL_FROM_DOMAIN });
  const deliver = () =>
    deliverDueMail({
      store,
      mailer: mail.mailer,
      compose,
      now: () => new Date(),
      retryBaseMs: config.MAIL_RETRY_BASE_SECONDS * 1000,
      claimMs: config.MAIL_CLAIM_SECONDS * 1000,
      sendTimeoutMs: MAIL_SEND_TIMEOUT_MS,
      concurrency: mail.concurrency,
    });
  return { ...mail, deliver };
}

/**
 * SMTP where the runtime offers it and SMTP_URL is set, else the HTTP mail API, else the log (and
 * /dev/outbox with DEV_OUTBOX=1): with neither, nobody can confirm a signature, which is said at once.
 */
function chooseMailer(
  config: Config,
  runtime: Pick<Runtime, 'logger' | 'smtpMailer'>,
): { mailer: Mailer; concurrency: number; devOutbox?: () => readonly MailMessage[]; close(): void } {
  const { logger } = runtime;
  if (config.SMTP_URL && runtime.smtpMailer) {
    const smtp = runtime.smtpMailer({ url: config.SMTP_URL, from: config.MAIL_FROM, connections: config.SMTP_CONNECTIONS, dkim: config.DKIM });
    return { mailer: loggedMailer(smtp, logger, 'smtp'), concurrency: smtp.connections, close: () => smtp.close() };
  }
  if (config.SMTP_URL) logger.warn('SMTP_URL is set, but this runtime cannot open SMTP connections: use MAIL_API_URL');
  if (config.MAIL_API_URL && config.MAIL_API_KEY) {
    const http = createHttpMailer({ url: config.MAIL_API_URL, batchUrl: config.MAIL_API_BATCH_URL, key: config.MAIL_API_KEY, from: config.MAIL_FROM });
    return { mailer: loggedMailer(http, logger, 'http'), concurrency: HTTP_MAIL_REQUESTS, close: () => {} };
  }
  const outboxUrl = config.DEV_OUTBOX ? `${config.PUBLIC_URL}/dev/outbox` : undefined;
  const logMailer = createLogMailer(logger, outboxUrl);
  logger.warn(
    outboxUrl
      ? `SMTP_URL is not set: mail is not sent but shown at ${outboxUrl} (DEV_OUTBOX=1: never on a public site)`
      : 'No mailer is configured (SMTP_URL or MAIL_API_URL): no mail can be sent, so nobody can confirm a signature.',
  );
  return { mailer: logMailer, concurrency: MAIL_PASS_SIZE, ...(outboxUrl && { devOutbox: logMailer.recent }), close: () => {} };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
