import type { Letter, LetterCount } from '../domain/entities.ts';
import { carryText } from './per-letter.ts';

export interface CountHub {
  /**
   * The letter, at most `intervalMs` old: however many ask, the database is read for a letter at
   * most once per interval (callers during a read share it).
   */
  letter(slug: string): Promise<Letter | undefined>;
  /**
   * The letter as {@link letter} would give it without a read, or undefined when it would read: the
   * hottest reads answer from it without waiting for a promise.
   */
  current(slug: string): Letter | undefined;
  /**
   * A write in this process changed a letter's counts: serve and push the new ones, no read needed.
   * `since` is {@link forgets} from before the write began: if a letter was forgotten meanwhile, these
   * counts may predate that change, so the letter is read afresh instead.
   */
  counted(count: LetterCount, since: number): void;
  /** How many times a letter has been forgotten so far: a mark to give {@link counted}. */
  forgets(): number;
  /** A write in this process changed a letter (by slug or id) in other ways: read it afresh next time. */
  forget(letter: string | number): void;
  /**
   * Calls `listener` with the letter when its count or state changes, or with undefined once there is
   * no letter at the slug, until the returned function is called: at once after a quiet moment, and
   * then at most once per `pushIntervalMs`, with the latest. While a letter has listeners it is read
   * once per interval, for changes made elsewhere.
   */
  subscribe(slug: string, listener: (letter: Letter | undefined) => void): () => void;
  /** Stops all polling and drops all listeners. */
  close(): void;
}

interface Entry {
  letter?: Letter | undefined;
  readAt: number;
  reading?: Promise<Letter | undefined> | undefined;
  /** Moves on at each forget: a read that began before it may hold what the change replaced. */
  generation: number;
  listeners: Set<(letter: Letter | undefined) => void>;
  timer?: ReturnType<typeof setInterval> | undefined;
  /** The letter the listeners were last called with, and when. */
  pushed?: Letter | undefined;
  pushedAt: number;
  /** A push waiting for its interval to pass. */
  pushTimer?: ReturnType<typeof setTimeout> | undefined;
}

/** Entries kept at most; a flood of unknown slugs must not grow memory without bound. */
const MAX_ENTRIES = 10_000;
/** Listeners called in one go when a count is pushed. */
const PUSH_BATCH = 250;

/**
 * The count as everyone reads it: from memory, refreshed once per interval per letter, and fanned out
 * to every live listener from one read. Counts changed in this process arrive at once; counts changed
 * by other instances within one interval.
 *
 * Pushes to listeners are coalesced to one per `pushIntervalMs`: while a letter is being confirmed
 * thousands of times a second, pushing each change to each of its watchers would be millions of writes
 * a second, and confirming stalled behind them (docs/performance.md#live-count-streams).
 */
export function createCountHub(
  read: (slug: string) => Promise<Letter | undefined>,
  intervalMs: number,
  pushIntervalMs = 500,
): CountHub {
  const entries = new Map<string, Entry>();
  let forgets = 0;

  const entry = (slug: string): Entry => {
    let e = entries.get(slug);
    if (!e) {
      if (entries.size >= MAX_ENTRIES) evictIdle();
      e = { readAt: -Infinity, generation: 0, listeners: new Set(), pushedAt: -Infinity };
      entries.set(slug, e);
    }
    return e;
  };

  const evictIdle = () => {
    for (const [slug, e] of entries) if (e.listeners.size === 0 && !e.reading) entries.delete(slug);
  };

  const push = (e: Entry) => {
    e.pushTimer = undefined;
    const letter = e.letter;
    if (sameForWatchers(e.pushed, letter)) return;
    e.pushed = letter;
    e.pushedAt = Date.now();
    // A few hundred at a time, with the requests that wait in between: thousands of watchers written
    // to in one go would hold up every request in flight for as long.
    const listeners = [...e.listeners];
    const pushFrom = (start: number) => {
      for (const listener of listeners.slice(start, start + PUSH_BATCH)) listener(letter);
      if (start + PUSH_BATCH < listeners.length) setTimeout(() => pushFrom(start + PUSH_BATCH), 0);
    };
    pushFrom(0);
  };

  const publish = (e: Entry, previous: Letter | undefined) => {
    if (e.listeners.size === 0 || e.pushTimer || sameForWatchers(previous, e.letter)) return;
    const wait = e.pushedAt + pushIntervalMs - Date.now();
    if (wait <= 0) push(e);
    else e.pushTimer = setTimeout(() => push(e), wait);
  };

  const refresh = (slug: string, e: Entry): Promise<Letter | undefined> => {
    const generation = e.generation;
    e.reading ??= read(slug)
      .then((letter) => {
        // Forgotten while it was read: the caller gets it, the cache waits for a read after the change.
        if (e.generation !== generation) return letter;
        const previous = e.letter;
        e.letter = letter;
        e.readAt = Date.now();
        publish(e, previous);
        return letter;
      })
      .finally(() => {
        if (e.generation === generation) e.reading = undefined;
      });
    return e.reading;
  };

  function forget(letter: string | number) {
    forgets++;
    for (const [slug, e] of entries) {
      if (slug !== letter && e.letter?.id !== letter) continue;
      e.readAt = -Infinity;
      e.generation++;
      e.reading = undefined;
    }
  }

  return {
    async letter(slug) {
      const e = entry(slug);
      if (Date.now() - e.readAt < intervalMs) return e.letter;
      return refresh(slug, e);
    },

    current(slug) {
      const e = entries.get(slug);
      return e && Date.now() - e.readAt < intervalMs ? e.letter : undefined;
    },

    counted(count, since) {
      if (since !== forgets) return forget(count.slug);
      const e = entries.get(count.slug);
      if (!e?.letter) return;
      const previous = e.letter;
      e.letter = { ...previous, ...count };
      carryText(previous, e.letter);
      publish(e, previous);
    },

    forget,

    forgets: () => forgets,

    subscribe(slug, listener) {
      const e = entry(slug);
      // A new stream starts with the letter as it is: the first watcher has that already.
      if (e.listeners.size === 0) e.pushed = e.letter;
      e.listeners.add(listener);
      e.timer ??= setInterval(() => void refresh(slug, e).catch(() => {}), intervalMs);
      return () => {
        e.listeners.delete(listener);
        if (e.listeners.size === 0) {
          clearInterval(e.timer);
          clearTimeout(e.pushTimer);
          e.timer = undefined;
          e.pushTimer = undefined;
        }
      };
    },

    close() {
      for (const e of entries.values()) {
        clearInterval(e.timer);
        clearTimeout(e.pushTimer);
        e.timer = undefined;
        e.pushTimer = undefined;
        e.listeners.clear();
      }
    },
  };
}

/** Whether watchers have nothing new to be told: the same counts and state, or no letter both times. */
function sameForWatchers(a: Letter | undefined, b: Letter | undefined): boolean {
  if (!a || !b) return a === b;
  return a.signatureCount === b.signatureCount && a.listedCount === b.listedCount && a.status === b.status;
}
