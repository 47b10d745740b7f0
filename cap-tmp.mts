const Orig = WebAssembly.Module;
const seen: Uint8Array[] = [];
(WebAssembly as any).Module = new Proxy(Orig, { construct(target, args) { const b = args[0]; if (b.byteLength < 1000) seen.push(new Uint8Array(b)); return new target(b); } });
const { nodeCardKit } = await import('./src/link-card.node.ts');
const { createCardDrawer } = await import('./src/views/link-card.ts');
const d = createCardDrawer(nodeCardKit, () => {});
await d.svg({ title: 'Адкрыты ліст ffi', count: '2 500+', site: 'x.org', lang: 'be' });
for (const b of seen) console.log(b.length, Buffer.from(b).toString('hex'));
