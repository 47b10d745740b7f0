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

/** Answers kept per letter and route, at most: the request chooses their keys. */
const MAX_KEPT = 100;

/**
 * The answer kept with a letter object for a route and a choice: what in a request chooses among the
 * route's answers (its query string; for a page, the headers that choose its language and encoding),
 * taken as it comes. The readers of a viral letter send the same few, so each answer is worked out
 * once per change; with the count hub's current letter, the hottest reads then answer without a
 * promise, a parse or a check.
 */
export function keptAnswer<T>(letter: Letter, route: string, choice: string): T | undefined {
  return keptFor<T>(letter, route).get(choice);
}

/** Keeps `answer` for {@link keptAnswer}. */
export function keepAnswer<T>(letter: Letter, route: string, choice: string, answer: T): T {
  const kept = keptFor<T>(letter, route);
  if (kept.size >= MAX_KEPT) kept.clear();
  kept.set(choice, answer);
  return answer;
}

function keptFor<T>(letter: Letter, route: string): Map<string, T> {
  return perLetter(letter, `kept\u0000${route}`, () => new Map<string, T>());
}
