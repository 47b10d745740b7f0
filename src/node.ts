import './heap-tuning.node.ts';
import { parseConfig } from './config.ts';
import { loadEnvFile } from './load-env.node.ts';
import { startServer } from './server.node.ts';
import { StartError } from './start-error.ts';

let config;
try {
  loadEnvFile();
  config = parseConfig(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const server = await startServer(config).catch((error: unknown) => {
  if (!(error instanceof StartError)) throw error;
  console.error(error.message);
  process.exit(1);
});
console.log(`Undersigned is listening on ${server.url} (public address ${config.PUBLIC_URL})`);
if (!config.SMTP_URL && !config.MAIL_API_URL) {
  console.log(
    config.DEV_OUTBOX
      ? `SMTP_URL is not set: mail is not sent but shown at ${config.PUBLIC_URL}/dev/outbox (DEV_OUTBOX=1: never on a public site)`
      : 'Neither SMTP_URL nor MAIL_API_URL is set: no mail can be sent, so nobody can confirm a signature.',
  );
}

// A second signal, while the server drains, stops it at once (Node's default).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close().then(() => process.exit(0));
  });
}
