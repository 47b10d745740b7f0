/// <reference path="./modules.d.ts" />
import latin from '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff';
import latinExt from '@fontsource/noto-sans/files/noto-sans-latin-ext-700-normal.woff';
import cyrillic from '@fontsource/noto-sans/files/noto-sans-cyrillic-700-normal.woff';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import resvgWasm from '@resvg/resvg-wasm/index_bg.wasm';
import harfBuzzWasm from 'harfbuzzjs/hb.wasm';
import harfBuzzCallback from './wasm/harfbuzz-callback-vi.wasm';
import layoutWasm from 'satori/layout.wasm';
import type { CardKit } from './views/link-card.ts';
import { HARFBUZZ_CALLBACK_HEX, HARFBUZZ_WASM_LENGTH } from './wasm/harfbuzz.ts';

// A Worker may not compile wasm from bytes: wrangler bundles each .wasm as a compiled module (its
// default rule) and each .woff as bytes (the Data rule in wrangler.toml).
let resvgReady: Promise<void> | undefined;

/** Link preview cards on Workers: resvg's wasm build, started once per isolate. */
export async function webCardKit(): Promise<CardKit> {
  resvgReady ??= initWasm(resvgWasm).catch((error: unknown) => {
    resvgReady = undefined;
    throw error;
  });
  await resvgReady;
  givePrecompiledHarfBuzz();
  return {
    layoutWasm,
    // In the order of CARD_FONT_FILES.
    fonts: [latin, latinExt, cyrillic],
    rasterize: (svg) => new Resvg(svg).render().asPng() as Uint8Array<ArrayBuffer>,
  };
}

const CALLBACK_BYTES = HARFBUZZ_CALLBACK_HEX.match(/../g)!.map((byte) => parseInt(byte, 16));
let harfBuzzGiven = false;

/**
 * satori shapes text with HarfBuzz, whose wasm it carries as bytes and compiles when it loads, and
 * harfbuzzjs compiles a small module to call back into JavaScript: a Worker refuses both. The same
 * modules, bundled compiled, are used in their place; any other wasm is compiled as before.
 */
function givePrecompiledHarfBuzz() {
  if (harfBuzzGiven) return;
  harfBuzzGiven = true;
  const instantiate = WebAssembly.instantiate.bind(WebAssembly) as (source: unknown, imports?: WebAssembly.Imports) => Promise<unknown>;
  WebAssembly.instantiate = ((source: unknown, imports?: WebAssembly.Imports) => {
    const bytes = ArrayBuffer.isView(source) || source instanceof ArrayBuffer;
    if (!bytes || source.byteLength !== HARFBUZZ_WASM_LENGTH) return instantiate(source, imports);
    return (instantiate(harfBuzzWasm, imports) as Promise<WebAssembly.Instance>).then((instance) => ({ module: harfBuzzWasm, instance }));
  }) as typeof WebAssembly.instantiate;
  WebAssembly.Module = new Proxy(WebAssembly.Module, {
    construct(target, [source]: [BufferSource]) {
      return isCallbackModule(source) ? harfBuzzCallback : Reflect.construct(target, [source]);
    },
  });
}

function isCallbackModule(source: BufferSource): boolean {
  const bytes = ArrayBuffer.isView(source) ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength) : new Uint8Array(source);
  return bytes.length === CALLBACK_BYTES.length && bytes.every((byte, i) => byte === CALLBACK_BYTES[i]);
}
