import { createAdaptorServer } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import type { Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { Config } from './config.ts';
import { openDatabase } from './db/libsql.node.ts';
import { ensureSampleLetter } from './db/sample-letter.ts';
import { createStore } from './db/store.ts';
import { MAIL_PASS_SIZE } from './domain/mail.ts';
import type { Store } from './domain/store.ts';
import { nodeEventStreams } from './http/event-stream.node.ts';
import { gracefulStop } from './http/graceful-stop.node.ts';
import { nodeHashing } from './node-hashing.node.ts';
import { PUBLIC_DIR, WIDGET_DIR } from './paths.node.ts';
import { WIDGET_FILES } from './widget-files.ts';
import { MAIL_WAKE_DELAY_MS, startMailSender, type MailSender } from './mail/mail-sender.ts';
import { createSmtpMailer } from './mail/smtp-mailer.node.ts';
import { loggerFor, type Logger } from './log.ts';
import { nodeCardKit } from './link-card.node.ts';
import { createEditionPdf } from './edition-pdf.node.ts';
import { createSite } from './site.ts';
import { StartError } from './start-error.ts';

const OUTBOX_INTERVAL_MS = 1000;
/** Unconfirmed signatures and expired data are purged this often (and at start). */
const PURGE_INTERVAL_MS = 60 * 60 * 1000;
/** On stop, how long connections idle at that moment are kept, and how long any is waited for. */
const STOP_IDLE_GRACE_MS = 1000;
const STOP_LIMIT_MS = 30_000;

export interface RunningServer {
  /** Where the server listens, e.g. http://127.0.0.1:3000 */
  url: string;
  /**
   * Stops gracefully: takes no new connections, lets the requests in flight and the write batches
   * they wait for finish, ends the live streams with a last event, then closes the database.
   */
  close(): Promise<void>;
}

/**
 * Starts the site on Node: takes the port, opens and migrates the database, creates the sample letter
 * on an empty one, starts the mail sender, the purge and the threshold checks, and serves. Tests
 * start it the same way the `npm start` entry does. A port in use or a database that cannot be opened is a {@link StartError}, before any
 * migration runs.
 */
export async function startServer(
  config: Config,
  options: {
    logger?: Logger;
    /** Wraps the store, e.g. to watch what the app asks of the database. */
    instrument?: (store: Store) => Store;
  } = {},
): Promise<RunningServer> {
  const logger = options.logger ?? loggerFor(config.NODE_ENV);
  // The port is taken first; requests that come before the site is ready wait for it.
  let serving: Site | undefined;
  let ready!: (site: Site) => void;
  const opened = new Promise<Site>((resolve) => (ready = resolve));
  const server = createAdaptorServer({
    fetch: (request, env) => (serving ? serving.fetch(request, env) : opened.then((site) => site.fetch(request, env))),
    ...(config.HOST && { hostname: config.HOST }),
  }) as Server;
  const stop = gracefulStop(server, { idleGraceMs: STOP_IDLE_GRACE_MS, limitMs: STOP_LIMIT_MS });
  await listen(server, config.PORT, config.HOST);
  const site = await openSite(config, options, logger).catch((error: unknown) => {
    server.closeAllConnections();
    server.close();
    throw error;
  });
  serving = site;
  ready(site);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const host = config.HOST && config.HOST !== '0.0.0.0' && config.HOST !== '::' ? config.HOST : 'localhost';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    async close() {
      const stopped = stop();
      site.endStreams();
      await stopped;
      await site.close();
    },
  };
}

type Site = Awaited<ReturnType<typeof openSite>>;

/** Opens the database and builds the site on it, with its periodic jobs: all but the HTTP server. */
async function openSite(config: Config, options: { instrument?: (store: Store) => Store }, logger: Logger) {
  const { db, batch, read, commit, checkpoint, close: closeDatabase } = await openDatabase(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN, {
    writeThread: true,
  });
  await ensureSampleLetter(db, new Date());
  const created = createStore(db, batch, read, commit);
  const store = options.instrument ? options.instrument(created) : created;
  if ((await store.organizers()).length === 0) {
    logger.info('No organizer yet. Create the first organizer token with: npx undersigned token create --name "Your name"');
  }

  let mailSender: MailSender | undefined;
  const streams = nodeEventStreams();
  const site = await createSite(config, db, store, {
    logger,
    hashing: nodeHashing,
    connectionAddress: (c) => getConnInfo(c).remote.address,
    liveStream: { open: streams.open, heartbeatMs: config.SSE_HEARTBEAT_MS },
    staticFiles: staticFiles(),
    gzip: (text) => gzipSync(text),
    smtpMailer: createSmtpMailer,
    onMailQueued: () => mailSender?.wake(),
    // The write-ahead log may still hold rows as they were before a purge or a withdrawal; emptying it
    // leaves them nowhere on disk.
    afterPurge: checkpoint,
    cardKit: nodeCardKit,
    editionPdf: createEditionPdf,
  });
  // MAIL_SENDER=off: `undersigned mailer` processes send the outbox, off this process's HTTP thread.
  if (config.MAIL_SENDER) {
    mailSender = startMailSender(site.deliver, {
      intervalMs: OUTBOX_INTERVAL_MS,
      wakeDelayMs: MAIL_WAKE_DELAY_MS,
      passSize: MAIL_PASS_SIZE,
      onError: (error) => logger.error('outbox pass failed', { error: String(error) }),
    });
  }

  const purgeTimer = setInterval(() => void site.purge(), PURGE_INTERVAL_MS);
  await site.purge();
  const releaseTimer = setInterval(() => void site.releaseNames(), config.THRESHOLD_CHECK_SECONDS * 1000);

  return {
    fetch: site.fetch,
    /** Live streams never end by themselves; a shutdown ends them. */
    endStreams() {
      streams.close();
      site.counts.close();
    },
    /** Stops the jobs and closes the database, once no request is in flight. */
    async close() {
      clearInterval(purgeTimer);
      clearInterval(releaseTimer);
      await mailSender?.stop();
      site.close();
      await closeDatabase();
    },
  };
}

/**
 * How long a browser keeps a file of public/ without asking again. Their names carry no version, so a
 * new stylesheet or script reaches every reader within this time of a deploy.
 */
const STATIC_CACHE_CONTROL = 'public, max-age=3600';

/** public/, and the ALTCHA widget's files from its package, cacheable and gzipped for browsers that take it. */
function staticFiles(): MiddlewareHandler {
  const onFound = (_path: string, c: Context) => c.header('Cache-Control', STATIC_CACHE_CONTROL);
  const publicFiles = serveStatic({ root: PUBLIC_DIR, onFound });
  const widgetFiles = serveStatic({ root: WIDGET_DIR, rewriteRequestPath: (path) => WIDGET_FILES[path]!, onFound });
  const gzip = compress({ encoding: 'gzip' });
  return async (c, next) => {
    const file = await (WIDGET_FILES[c.req.path] ? widgetFiles : publicFiles)(c, async () => {});
    if (!file) return next();
    await gzip(c, async () => {
      c.res = file;
    });
    return c.res;
  };
}

function listen(server: Server, port: number, host: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = host ? `${host}:${port}` : `port ${port}`;
      if (error.code === 'EADDRINUSE') reject(new StartError(`Cannot listen on ${where}: it is in use; stop what listens there, or set PORT.`));
      else if (error.code === 'EACCES') reject(new StartError(`Cannot listen on ${where}: not allowed for this user; set PORT above 1023.`));
      else if (error.code === 'EADDRNOTAVAIL') reject(new StartError(`Cannot listen on ${where}: HOST is not an address of this machine.`));
      else reject(error);
    });
    server.listen(port, host);
  });
}
