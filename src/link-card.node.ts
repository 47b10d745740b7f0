import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import { CARD_FONT_FILES, type CardKit } from './views/link-card.ts';

const require = createRequire(import.meta.url);

/** Link preview cards on Node: the wasm and fonts read from their packages, resvg's native build. */
export async function nodeCardKit(): Promise<CardKit> {
  const [layoutWasm, ...fonts] = await Promise.all(
    ['satori/layout.wasm', ...CARD_FONT_FILES.map((file) => `@fontsource/noto-sans/files/${file}`)].map((name) => readFile(require.resolve(name))),
  );
  return {
    layoutWasm: layoutWasm!,
    fonts: fonts.map((data) => data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)),
    // Text comes as paths from satori: no system font is looked for.
    rasterize: (svg) => new Resvg(svg, { font: { loadSystemFonts: false } }).render().asPng() as Uint8Array<ArrayBuffer>,
  };
}
