/// <reference path="./modules.d.ts" />
import latin from '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff';
import latinExt from '@fontsource/noto-sans/files/noto-sans-latin-ext-700-normal.woff';
import cyrillic from '@fontsource/noto-sans/files/noto-sans-cyrillic-700-normal.woff';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import resvgWasm from '@resvg/resvg-wasm/index_bg.wasm';
import layoutWasm from 'satori/layout.wasm';
import type { CardKit } from './views/link-card.ts';

// A Worker may not compile wasm from bytes at run time: wrangler bundles each .wasm as a compiled
// module (its default rule) and each .woff as bytes (the Data rule in wrangler.toml).
let resvgReady: Promise<void> | undefined;

/** Link preview cards on Workers: resvg's wasm build, started once per isolate. */
export async function webCardKit(): Promise<CardKit> {
  await (resvgReady ??= initWasm(resvgWasm).catch((error: unknown) => {
    resvgReady = undefined;
    throw error;
  }));
  return {
    layoutWasm,
    // In the order of CARD_FONT_FILES.
    fonts: [latin, latinExt, cyrillic],
    rasterize: (svg) => new Resvg(svg).render().asPng() as Uint8Array<ArrayBuffer>,
  };
}
