// The command line's entry (`npx undersigned …`, see bin/undersigned.js); the commands are in src/cli/.
import { runCli } from './cli/run.node.ts';
import { loadEnvFile } from './load-env.node.ts';

try {
  loadEnvFile();
  process.exitCode = await runCli(process.argv.slice(2));
} catch (error) {
  // Not the command line's fault: the configuration, the database, the disk. The message, no stack.
  console.error(`undersigned: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
