// Files the Worker bundle imports as modules (wrangler.toml's rules): wasm compiled, fonts as bytes.
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
declare module '*.woff' {
  const data: ArrayBuffer;
  export default data;
}
