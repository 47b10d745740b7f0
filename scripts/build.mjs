// Builds the Node server, its database write thread and the command line into dist/, which is what
// `npm start` and `npx undersigned` run: plain JavaScript, no TypeScript loader in the process.
// JavaScript itself, so that Node runs it as it is (`npm run build`, and bin/undersigned.js).
import { readdir, rm, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));

export async function build() {
  // Chunks are named by their content: the ones of an older build would stay beside the new ones.
  await rm(`${root}dist`, { recursive: true, force: true });
  await esbuild({
    absWorkingDir: root,
    entryPoints: { node: 'src/node.ts', cli: 'src/cli.node.ts', 'write-thread': 'src/db/write-thread-main.node.ts' },
    outdir: 'dist',
    bundle: true,
    // Code the entries share is a file of its own, and what a command imports when it runs (the
    // mirror's pages) is loaded only then.
    splitting: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
}

/** Builds unless dist/ is newer than every file of src/. */
export async function buildIfStale() {
  const built = await stat(`${root}dist/cli.js`).then((s) => s.mtimeMs, () => 0);
  const sources = await readdir(`${root}src`, { recursive: true, withFileTypes: true });
  for (const entry of sources) {
    if (entry.isFile() && (await stat(`${entry.parentPath}/${entry.name}`)).mtimeMs > built) return build();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await build();
