import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import { gzipSync } from 'node:zlib';
import type { Config } from './config.ts';
import { openDatabase } from './db/libsql.node.ts';
import { ensureSampleLetter } from './db/sample-letter.ts';
import { createStore } from './db/store.ts';
import { MAIL_PASS_SIZE } from './domain/mail.ts';
import type { Store } from './domain/store.ts';
import { nodeEventStream } from './http/event-stream.node.ts';
import { nodeHashing } from './node-hashing.node.ts';
import { PUBLIC_DIR, WIDGET_DIR } from './paths.node.ts';
import { WIDGET_FILES } from './widget-files.ts';
import { startMailSender, type MailSender } from './mail/mail-sender.ts';
import { createSmtpMailer } from './mail/smtp-mailer.node.ts';
import { loggerFor, type Logger } from './log.ts';
import { createSite } from './site.ts';

const OUTBOX_INTERVAL_MS = 1000;
/** Unconfirmed signatures and expired data are purged this often (and at start). */
const PURGE_INTERVAL_MS = 60 * 60 * 1000;

export interface RunningServer {
  /** Where the server listens, e.g. http://127.0.0.1:3000 */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the site on Node: opens and migrates the database, creates the sample letter on an empty
 * one, starts the outbox worker, the purge and the threshold checks, and listens. Tests start it the
 * same way the `npm start` entry does.
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
  const { db, batch, read, commit, checkpoint, close: closeDatabase } = await openDatabase(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN, {
    batchThread: true,
  });
  await ensureSampleLetter(db, new Date());
  const created = createStore(db, batch, read, commit);
  const store = options.instrument ? options.instrument(created) : created;
  if ((await store.organizers()).length === 0) {
    logger.info('No organizer yet. Create the first organizer token with: npx undersigned token create --name "Your name"');
  }

  let worker: MailSender | undefined;
  const site = await createSite(config, db, store, {
    logger,
    hashing: nodeHashing,
    connectionAddress: (c) => getConnInfo(c).remote.address,
    liveStream: { open: nodeEventStream, heartbeatMs: config.SSE_HEARTBEAT_MS },
    staticFiles: staticFiles(),
    gzip: (text) => gzipSync(text),
    smtpMailer: createSmtpMailer,
    onMailQueued: () => worker?.wake(),
    // The write-ahead log may still hold rows as they were before a purge or a withdrawal; emptying it
    // leaves them nowhere on disk.
    afterPurge: checkpoint,
  });
  worker = startMailSender(site.deliver, {
    intervalMs: OUTBOX_INTERVAL_MS,
    wakeDelayMs: 50,
    passSize: MAIL_PASS_SIZE,
    onError: (error) => logger.error('outbox pass failed', { error: String(error) }),
  });

  const purgeTimer = setInterval(() => void site.purge(), PURGE_INTERVAL_MS);
  await site.purge();
  const releaseTimer = setInterval(() => void site.releaseNames(), config.THRESHOLD_CHECK_SECONDS * 1000);

  const server = await listen(() =>
    serve({ fetch: site.fetch, port: config.PORT, ...(config.HOST && { hostname: config.HOST }) }),
  );
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const host = config.HOST && config.HOST !== '0.0.0.0' && config.HOST !== '::' ? config.HOST : 'localhost';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    async close() {
      clearInterval(purgeTimer);
      clearInterval(releaseTimer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Live streams never end by themselves; a shutdown ends them.
      if ('closeAllConnections' in server) server.closeAllConnections();
      await closed;
      await worker?.stop();
      site.close();
      await closeDatabase();
    },
  };
}

/** public/, and the ALTCHA widget's files from its package. */
function staticFiles(): MiddlewareHandler {
  const publicFiles = serveStatic({ root: PUBLIC_DIR });
  const widgetFiles = serveStatic({ root: WIDGET_DIR, rewriteRequestPath: (path) => WIDGET_FILES[path]! });
  return (c, next) => (WIDGET_FILES[c.req.path] ? widgetFiles(c, next) : publicFiles(c, next));
}

function listen(start: () => ServerType): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = start();
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}
