import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Every path to the project's own folders starts here, from this file's place in src/: the command
// line runs from a bundle (see bin/undersigned.js) that tells this module where it came from.
const root = new URL('../', import.meta.url);

/** Static files the Node server serves, and the mirror copies. */
export const PUBLIC_DIR = fileURLToPath(new URL('public/', root));
/** The migrations drizzle-kit generates. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('drizzle/', root));
/** The database write thread's module (see src/db/batch-thread.node.ts). */
export const BATCH_WORKER = new URL('src/db/batch-worker.node.js', root);
/** The `altcha` package's dist/, where the widget's files are (see src/widget-files.ts). */
export const WIDGET_DIR = fileURLToPath(new URL('../', pathToFileURL(createRequire(import.meta.url).resolve('altcha'))));
