// What satori's text shaper (harfbuzzjs) compiles at run time, which a Worker may not: the bundle
// carries these compiled instead (src/link-card.web.ts). test/worker-wasm.test.ts checks both
// against what satori compiles on Node.

/** The length of harfbuzzjs's hb.wasm, the file satori carries inlined as bytes. */
export const HARFBUZZ_WASM_LENGTH = 381964;

/**
 * The module Emscripten writes to pass a JavaScript function of signature `vi` to wasm, which
 * harfbuzzjs does once as it starts (its callback that frees memory); harfbuzz-callback-vi.wasm.
 */
export const HARFBUZZ_CALLBACK_HEX = '0061736d01000000018700016081007f800002070101650166000007050101660000';
