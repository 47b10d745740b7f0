import { builtinModules } from 'node:module';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// Runtime boundaries: only src/*.node.ts and the Node entry may use Node. The Worker bundle is
// built as wrangler builds it, and everything it reaches is checked.
describe('the Worker bundle', () => {
  it('reaches no Node-only module', async () => {
    const result = await build({
      entryPoints: ['src/worker.ts'],
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'neutral',
      conditions: ['workerd', 'worker', 'browser'],
      mainFields: ['module', 'main'],
      external: ['cloudflare:*', 'node:*', ...builtinModules],
      // Wasm and fonts are modules of their own in wrangler's bundle (wrangler.toml's rules).
      loader: { '.wasm': 'empty', '.woff': 'empty' },
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((file) => /node_modules\/(nodemailer|@hono\/node-server|libsql\/|@libsql\/linux)/.test(file))).toEqual([]);
    expect(inputs.filter((file) => /^src\/.*\.node\.ts$|^src\/node\.ts$|^src\/cli/.test(file))).toEqual([]);

    const builtins = Object.entries(result.metafile.inputs).flatMap(([file, input]) =>
      input.imports.filter((i) => i.external && !i.path.startsWith('cloudflare:')).map((i) => `${i.path} <- ${file}`),
    );
    // badge-maker's text-width tables come through char-width-table-consumer, which requires fs and
    // util for loading tables from files; the Worker never calls that (nodejs_compat provides both).
    expect(builtins.sort()).toEqual([
      'fs <- node_modules/char-width-table-consumer/src/consumer.js',
      'util <- node_modules/char-width-table-consumer/src/consumer.js',
    ]);
  });
});
