import type { Child, JSXNode } from 'hono/jsx';
import type { StringBufferWithCallbacks } from 'hono/utils/html';
import { messagesFor, plural, type Language, type Messages } from '../i18n/index.ts';
import { displayCount } from '../domain/count-display.ts';

// The language of the page being rendered, and rendering without AsyncLocalStorage. hono/jsx keeps
// the values of its contexts in an AsyncLocalStorage: its toString() runs every render in one, and so
// do <head>, <svg>, <title>, <meta> and <link>. On Node 20 the first AsyncLocalStorage run turns on
// async hooks for every promise of the process, slowing every request from the first page on
// (docs/performance.md#smaller-choices-on-the-hot-paths). So pages render through toStringToBuffer, write their head with Head (head.ts)
// and read their language from here: no view awaits, so a page renders in one synchronous call, and
// a value set around that call is the page's.
let current: Language = 'en';

/**
 * Renders a whole page, doctype included (no quirks mode), in a language, which views read with
 * {@link useLanguage}.
 */
export function renderPage(lang: Language, node: Child): string {
  const outer = current;
  current = lang;
  try {
    const buffer = [''] as StringBufferWithCallbacks;
    (<>{node}</> as unknown as JSXNode).toStringToBuffer(buffer);
    const [html] = buffer;
    if (buffer.length !== 1 || buffer.callbacks || typeof html !== 'string') {
      throw new Error('A view awaited: views must render synchronously.');
    }
    return `<!doctype html>${html}`;
  } finally {
    current = outer;
  }
}

/** The strings of the page's language, and count formatting in it. */
export function useLanguage(): { lang: Language; m: Messages; signatures(count: number): string } {
  const lang = current;
  return { lang, m: messagesFor(lang), signatures: (count) => signaturesText(count, lang) };
}

/** "1 signature", "2 подпісы", "2,500+ signatures", "2 500+ подпісаў". */
export function signaturesText(count: number, lang: string): string {
  const display = displayCount(count, lang);
  // The plural follows the number shown: 2,512 is shown as "2,500+", so "many", not "few".
  const shown = count < 1000 ? count : Number(display.replace(/\D/g, ''));
  return `${display} ${plural(lang, shown, messagesFor(lang).signatures)}`;
}
