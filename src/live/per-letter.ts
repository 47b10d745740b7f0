import type { Letter } from '../domain/store.ts';

const cache = new WeakMap<Letter, Map<string, unknown>>();

/**
 * What is built from a letter, kept as long as that letter object: the count hub replaces the object
 * when the letter or its count changes (or at the next refresh), and with it everything kept here.
 * Hot embeds (count JSON, shields.json) are then built once per change, not once per request.
 */
export function perLetter<T>(letter: Letter, key: string, build: () => T): T {
  let entries = cache.get(letter);
  if (!entries) {
    entries = new Map();
    cache.set(letter, entries);
  }
  if (!entries.has(key)) {
    // A letter object lives about a second; a flood of distinct keys must not grow it without bound.
    if (entries.size >= 100) entries.clear();
    entries.set(key, build());
  }
  return entries.get(key) as T;
}
