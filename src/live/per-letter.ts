import type { Letter } from '../domain/entities.ts';

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

/** What is built from a letter's text alone, not its count (see carryText). */
const TEXT_KEYS = ['translations'];

/**
 * Hands what depends on the text alone (its translations) from a letter object to the one that
 * replaces it for a change of count only: while a letter is signed that happens several times a
 * second, and each confirmation's page would otherwise read the translations again.
 */
export function carryText(from: Letter, to: Letter): void {
  const built = cache.get(from);
  for (const key of TEXT_KEYS) if (built?.has(key)) perLetter(to, key, () => built.get(key));
}

/** Cached responses per letter and route, at most: the request chooses their keys. */
const MAX_CACHED = 100;

/**
 * The response cached with a letter object for a route and a cache key: what in a request chooses
 * among the route's responses (its query string; for a page, the headers that choose its language
 * and encoding), taken as it comes. The readers of a viral letter send the same few, so each response
 * is prebuilt once per change of the letter (docs/performance.md#prebuilt-responses).
 */
export function cachedResponse<T>(letter: Letter, route: string, key: string): T | undefined {
  return cacheFor<T>(letter, route).get(key);
}

/** Caches `response` for {@link cachedResponse}. */
export function cacheResponse<T>(letter: Letter, route: string, key: string, response: T): T {
  const cache = cacheFor<T>(letter, route);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, response);
  return response;
}

function cacheFor<T>(letter: Letter, route: string): Map<string, T> {
  return perLetter(letter, `response\u0000${route}`, () => new Map<string, T>());
}
