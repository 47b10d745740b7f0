import { parseConfig } from './config.ts';
import { startServer } from './server.node.ts';

let config;
try {
  config = parseConfig(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const server = await startServer(config);
console.log(`Undersigned is listening on ${server.url} (public address ${config.PUBLIC_URL})`);
if (!config.SMTP_URL) {
  console.log(
    config.NODE_ENV === 'production'
      ? 'SMTP_URL is not set: mail is written to this log only. Set SMTP_URL to send it.'
      : `SMTP_URL is not set: mail is written to this log and to ${config.PUBLIC_URL}/dev/outbox`,
  );
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close().then(() => process.exit(0));
  });
}
