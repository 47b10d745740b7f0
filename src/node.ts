import './heap-tuning.node.ts';
import { parseConfig } from './config.ts';
import { loadEnvFile } from './load-env.node.ts';
import { loggerFor } from './log.ts';
import { startServer } from './server.node.ts';

let config;
try {
  loadEnvFile();
  config = parseConfig(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const logger = loggerFor(config.NODE_ENV);
const server = await startServer(config, { logger });
logger.info(`Undersigned is listening on ${server.url} (public address ${config.PUBLIC_URL})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close().then(() => process.exit(0));
  });
}
