import type { Child } from 'hono/jsx';

/** A sentence of the dictionary with these parts in its `{name}` places, in the language's own word order. */
export function fillTemplate(template: string, parts: Record<string, Child>): Child[] {
  return template.split(/\{(\w+)\}/).map((piece, i) => (i % 2 === 1 ? parts[piece] : piece));
}
