#!/usr/bin/env node
// The command line (`npx undersigned …`). esbuild bundles the TypeScript source on each run (a tenth
// of a second) and Node runs the bundle: a module loader such as tsx would stay in memory, in a thread
// of its own, beside a million-row export.
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build, stop } from 'esbuild';

const src = new URL('../src/', import.meta.url);
// Inside the project, so the bundle finds its packages in node_modules; one folder per process.
const out = new URL(`../node_modules/.cache/undersigned/cli-${process.pid}/`, import.meta.url);
await build({
  entryPoints: { cli: fileURLToPath(new URL('cli.node.ts', src)) },
  outdir: fileURLToPath(out),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // What a command imports when it runs (the mirror's pages) is a file of its own, loaded only then.
  splitting: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'error',
  // The one module that finds the project's folders (src/paths.node.ts) does so from its own URL.
  define: { 'import.meta.url': JSON.stringify(new URL('paths.node.ts', src).href) },
});
await stop();
try {
  await import(new URL('cli.mjs', out).href);
} finally {
  await rm(out, { recursive: true, force: true });
}
