import './heap-tuning.node.ts';
import { parseConfig } from './config.ts';
import { loadEnvFile } from './load-env.node.ts';
import { loggerFor } from './log.ts';
import { startServer } from './server.node.ts';
import { StartError } from './start-error.ts';

const TRY_OUT_SCRIPTS = ['start', 'dev'];

let config;
try {
  loadEnvFile();
  // `npm start` and `npm run dev` are for trying the site out: they show mail at /dev/outbox unless
  // DEV_OUTBOX says otherwise, in the environment or in .env (which a script's own setting would beat).
  if (TRY_OUT_SCRIPTS.includes(process.env.npm_lifecycle_event ?? '')) process.env.DEV_OUTBOX ??= '1';
  config = parseConfig(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const logger = loggerFor(config.NODE_ENV);
const server = await startServer(config, { logger }).catch((error: unknown) => {
  if (!(error instanceof StartError)) throw error;
  console.error(error.message);
  process.exit(1);
});
logger.info(`Undersigned is listening on ${server.url} (public address ${config.PUBLIC_URL})`);

// A second signal, while the server drains, stops it at once (Node's default).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close().then(() => process.exit(0));
  });
}
