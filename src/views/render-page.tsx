import type { Child, JSXNode } from 'hono/jsx';
import type { StringBufferWithCallbacks } from 'hono/utils/html';

/**
 * Renders a whole page, doctype included (no quirks mode), in one synchronous call, without
 * AsyncLocalStorage. hono/jsx's toString() runs every render in one, and so do its <head>, <svg>,
 * <title>, <meta> and <link>; on Node 20 the first AsyncLocalStorage run turns on async hooks for
 * every promise of the process, slowing every request from the first page on
 * (docs/performance.md#smaller-choices-on-the-hot-paths). So pages render through toStringToBuffer,
 * write their head with Head (head.ts), and are given their language as a prop, not a context.
 */
export function renderPage(node: Child): string {
  const buffer = [''] as StringBufferWithCallbacks;
  (<>{node}</> as unknown as JSXNode).toStringToBuffer(buffer);
  const [html] = buffer;
  if (buffer.length !== 1 || buffer.callbacks || typeof html !== 'string') {
    throw new Error('A view awaited: views must render synchronously.');
  }
  return `<!doctype html>${html}`;
}
