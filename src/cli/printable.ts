/**
 * `text` with every control, format and line-separator character written as `\u{…}`: what is printed
 * from a document or an argument may hold terminal escapes (to recolour, rewrite or hide a line) or
 * bidi overrides, and a message stays on its one line.
 */
export function printable(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (char) => `\\u{${char.codePointAt(0)!.toString(16)}}`);
}
