import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { HARFBUZZ_CALLBACK_HEX, HARFBUZZ_WASM_LENGTH } from '../src/wasm/harfbuzz.ts';

const require = createRequire(import.meta.url);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const copyOf = (source: BufferSource) =>
  new Uint8Array(ArrayBuffer.isView(source) ? source.buffer.slice(source.byteOffset, source.byteOffset + source.byteLength) : source.slice(0));

// The wasm modules the Worker bundles compiled, in place of those satori compiles as it runs
// (src/link-card.web.ts), are checked here against what satori really compiles, on Node.
describe('the wasm the Worker bundles for link preview cards', () => {
  it('is what satori compiles: harfbuzzjs’s hb.wasm and its callback module', async () => {
    const compiled: Uint8Array[] = [];
    const Module = WebAssembly.Module;
    WebAssembly.Module = new Proxy(Module, {
      construct(target, [source]: [BufferSource]) {
        compiled.push(copyOf(source));
        return Reflect.construct(target, [source]);
      },
    });
    const instantiate = WebAssembly.instantiate;
    WebAssembly.instantiate = ((source: BufferSource, imports?: WebAssembly.Imports) => {
      if (ArrayBuffer.isView(source) || source instanceof ArrayBuffer) compiled.push(copyOf(source));
      return instantiate(source, imports);
    }) as typeof WebAssembly.instantiate;
    try {
      const { nodeCardKit } = await import('../src/link-card.node.ts');
      const { createCardDrawer } = await import('../src/views/link-card.ts');
      await createCardDrawer(nodeCardKit, () => {}).svg({ title: 'Ліст', count: '1 подпіс', site: 'letters.test', lang: 'be' });
    } finally {
      WebAssembly.Module = Module;
      WebAssembly.instantiate = instantiate;
    }

    const harfBuzz = new Uint8Array(await readFile(require.resolve('harfbuzzjs/hb.wasm')));
    expect(harfBuzz.length).toBe(HARFBUZZ_WASM_LENGTH);
    const callback = new Uint8Array(await readFile('src/wasm/harfbuzz-callback-vi.wasm'));
    expect(Buffer.from(callback).toString('hex')).toBe(HARFBUZZ_CALLBACK_HEX);
    // Besides satori's layout engine (given as a file on every runtime), exactly these two.
    const layout = sha256(new Uint8Array(await readFile(require.resolve('satori/layout.wasm'))));
    expect(compiled.map(sha256).filter((hash) => hash !== layout).sort()).toEqual([sha256(harfBuzz), sha256(callback)].sort());
  });
});
