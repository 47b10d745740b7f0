import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Every path to the project's own folders starts here, from this module's place one level below the
// project: src/paths.node.ts, or the file of dist/ that esbuild bundled it into (scripts/build.mjs).
const root = new URL('../', import.meta.url);
/** Whether this runs from the TypeScript source (tests, `npm run dev`) rather than from dist/. */
export const FROM_SOURCE = import.meta.url.endsWith('.ts');

/** Static files the Node server serves, and the mirror copies. */
export const PUBLIC_DIR = fileURLToPath(new URL('public/', root));
/** The migrations drizzle-kit generates. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('drizzle/', root));
/** The database write thread's module (see src/db/write-thread.node.ts). */
export const WRITE_THREAD_MAIN = new URL(FROM_SOURCE ? 'src/db/write-thread-main.node.ts' : 'dist/write-thread.js', root);
/** The `altcha` package's dist/, where the widget's files are (see src/widget-files.ts). */
export const WIDGET_DIR = fileURLToPath(new URL('../', pathToFileURL(createRequire(import.meta.url).resolve('altcha'))));
