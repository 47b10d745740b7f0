// Files the Worker bundle imports as modules (wrangler.toml's rules): wasm compiled, fonts as bytes.
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
declare module '*.woff' {
  const data: ArrayBuffer;
  export default data;
}
// fontkit (pdfkit's font engine) ships no types: the one call the PDF edition makes.
declare module 'fontkit' {
  export function create(buffer: Uint8Array): { hasGlyphForCodePoint(codePoint: number): boolean };
}
