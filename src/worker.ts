import type { D1Database, ExecutionContext, ScheduledController } from '@cloudflare/workers-types/index.ts';
import { drizzle as drizzleD1 } from 'drizzle-orm/d1';
import { createClient } from '@libsql/client/web';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql/web';
import { parseConfig } from './config.ts';
import type { Database } from './db/database.ts';
import * as schema from './db/schema.ts';
import { d1Batch, libsqlBatch, type SqlBatch } from './db/sql-batch.ts';
import { createStore } from './db/store.ts';
import { webHashing } from './domain/tokens.ts';
import { webCardKit } from './link-card.web.ts';
import { loggerFor, type Logger } from './log.ts';
import { createSite } from './site.ts';

/** The Worker's bindings (wrangler.toml): D1 as DB; the settings (as in README.md) as vars and secrets. */
export interface Env {
  DB?: D1Database;
}

type Site = Awaited<ReturnType<typeof createSite>> & { logger: Logger };

// Built on the first request an isolate serves, and kept for the ones after it: no work at import.
let site: Promise<Site> | undefined;

function siteFor(env: Env): Promise<Site> {
  site ??= build(env).catch((error: unknown) => {
    site = undefined;
    throw error;
  });
  return site;
}

async function build(env: Env): Promise<Site> {
  const settings = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const config = parseConfig(settings);
  const { db, batch } = database(env, config.DATABASE_URL, config.DATABASE_AUTH_TOKEN);
  // No group commit here: a Worker may not do I/O for one request in another's, so requests that
  // arrive together cannot share a batch. Each signing is its own D1 batch, one transaction as before.
  const store = createStore(db, batch, batch, batch);
  const logger = loggerFor(config.NODE_ENV);
  const built: Site = {
    logger,
    ...(await createSite(config, db, store, {
      logger,
      hashing: webHashing,
      connectionAddress: (c) => c.req.header('cf-connecting-ip'),
      // Send the mail right after the answer, without making the signer wait for it.
      onMailQueued: (c) => c.executionCtx.waitUntil(drain(built)),
      cardKit: webCardKit,
    })),
  };
  return built;
}

/** D1 (the DB binding), or Turso / a libSQL server when DATABASE_URL names one. */
function database(env: Env, url: string | undefined, authToken: string | undefined): { db: Database; batch: SqlBatch } {
  if (url && /^(libsql|https|wss):/.test(url)) {
    const client = createClient({ url, ...(authToken && { authToken }) });
    return { db: drizzleLibsql(client, { schema }) as unknown as Database, batch: libsqlBatch(client) };
  }
  if (!env.DB) throw new Error('No database: bind a D1 database as DB, or set DATABASE_URL to a libsql: URL.');
  // The D1 and libSQL drivers offer the same query builder and batch; the store uses nothing else.
  return { db: drizzleD1(env.DB, { schema }) as unknown as Database, batch: d1Batch(env.DB) };
}

async function drain(site: Site) {
  try {
    while ((await site.deliver()) > 0);
  } catch (error) {
    site.logger.error('outbox pass failed', { error: String(error) });
  }
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    return (await siteFor(env)).fetch(request, env, ctx);
  },

  /** The cron trigger: send what the outbox holds, release names waiting for thresholds, purge what is no longer needed. */
  async scheduled(_controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
    const site = await siteFor(env);
    ctx.waitUntil(Promise.all([drain(site), site.releaseNames(), site.purge()]));
  },
};
