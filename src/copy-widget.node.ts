import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PUBLIC_DIR, WIDGET_DIR } from './paths.node.ts';
import { WIDGET_FILES } from './widget-files.ts';

// Workers serve public/ as static assets, before the Worker runs and with no node_modules: wrangler's
// build step (wrangler.toml) runs this to put the ALTCHA widget's files there, at the paths Node
// serves them at from the package.
for (const [path, file] of Object.entries(WIDGET_FILES)) {
  const target = join(PUBLIC_DIR, path);
  await mkdir(dirname(target), { recursive: true });
  await copyFile(join(WIDGET_DIR, file), target);
}
