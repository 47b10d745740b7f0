import { ServiceError } from './errors.ts';
import { LetterInput, LetterPatch, withRenamedFields, type Translation } from './letter-input.ts';
import type { Actor, Letter, LetterStatus } from './entities.ts';
import type { Store } from './store.ts';
import { parseInput } from './validation.ts';

/** A letter the public may see: open or closed. Drafts are for organizers only. */
export async function publicLetter(store: Store, slug: string): Promise<Letter> {
  const letter = await store.letterBySlug(slug);
  if (!isPublic(letter)) {
    throw new ServiceError('not_found', 'There is no letter at this address.');
  }
  return letter;
}

/** Whether the public may see `letter` (see {@link publicLetter}). */
export function isPublic(letter: Letter | undefined): letter is Letter {
  return letter !== undefined && letter.status !== 'draft';
}

/**
 * A letter's status at `now`: an open letter whose deadline has come is closed, with no job to close
 * it (the signing SQL applies the same rule in its transaction).
 */
export function statusAt(letter: Pick<Letter, 'status' | 'deadline'>, now: Date): LetterStatus {
  return letter.status === 'open' && letter.deadline !== null && letter.deadline <= now ? 'closed' : letter.status;
}

/** The letter as readers see it at `now`: with its {@link statusAt}; the same object while that is its own. */
export function letterAt(letter: Letter, now: Date): Letter {
  const status = statusAt(letter, now);
  return status === letter.status ? letter : { ...letter, status };
}

/** Whether `letter` takes signatures at `now` (see {@link statusAt}). */
export function isOpen(letter: Pick<Letter, 'status' | 'deadline'>, now: Date): boolean {
  return statusAt(letter, now) === 'open';
}

/** The error for signing a letter that no longer takes signatures. */
export function letterClosed(): ServiceError {
  return new ServiceError('letter_closed', 'This letter is closed and no longer takes signatures.');
}

/** A letter that takes signatures at `now`: not found for a draft, `letter_closed` once it closed. */
export async function openLetter(store: Store, slug: string, now: Date): Promise<Letter> {
  const letter = await publicLetter(store, slug);
  if (!isOpen(letter, now)) throw letterClosed();
  return letter;
}

/** Any letter, drafts included, for organizers. */
export async function anyLetter(store: Store, slug: string): Promise<Letter> {
  const letter = await store.letterBySlug(slug);
  if (!letter) throw new ServiceError('not_found', 'There is no letter at this address.');
  return letter;
}

export async function createLetter(store: Store, actor: Actor, body: unknown, now: Date): Promise<Letter> {
  const input = parseInput(LetterInput, withRenamedFields(body));
  return orSlugTaken(await store.createLetter(input, actor, now));
}

export async function updateLetter(store: Store, actor: Actor, slug: string, body: unknown, now: Date): Promise<Letter> {
  const letter = await anyLetter(store, slug);
  const patch = parseInput(LetterPatch, withRenamedFields(body));
  return orSlugTaken(await store.updateLetter(letter.id, patch, actor, now));
}

/** A letter's translations by language tag, as a patch's `translations` takes them. */
export async function translationsOf(store: Store, letter: Letter): Promise<Record<string, Translation>> {
  return Object.fromEntries((await store.translations(letter.id)).map(({ lang, ...text }) => [lang, text]));
}

/** Adds or replaces one translation of a letter, or removes it (`text` null); the others stay. */
export async function setTranslation(store: Store, actor: Actor, slug: string, lang: string, text: unknown, now: Date): Promise<Letter> {
  const letter = await anyLetter(store, slug);
  // No prototype: the tag comes from the request, and "__proto__" must be refused as a tag, not set one.
  const translations: Record<string, unknown> = Object.assign(Object.create(null), await translationsOf(store, letter));
  if (text === null) delete translations[lang];
  else translations[lang] = text;
  return updateLetter(store, actor, slug, { translations }, now);
}

function orSlugTaken(result: Letter | 'slug_taken'): Letter {
  if (result === 'slug_taken') {
    throw new ServiceError('conflict', 'Another letter has this slug.', { slug: 'Another letter already uses this slug.' });
  }
  return result;
}

/** The text of a letter as a reader sees it, in one language. */
export interface LetterText {
  lang: string;
  title: string;
  body: string;
  summary: string | null;
  organisedBy: string | null;
  addressee: string | null;
  /** Every language the letter is available in, the default first. */
  languages: string[];
}

/** Every language a letter is available in, the default first. */
export function letterLanguages(letter: Letter, translations: (Translation & { lang: string })[]): string[] {
  return [letter.lang, ...translations.map((t) => t.lang)];
}

/** The text of a letter in `lang`, one of its {@link letterLanguages} (the request's choice). */
export function letterText(letter: Letter, translations: (Translation & { lang: string })[], lang: string): LetterText {
  const text = translations.find((t) => t.lang === lang) ?? letter;
  const languages = letterLanguages(letter, translations);
  // A translation without its own names shows the letter's.
  const organisedBy = text.organisedBy ?? letter.organisedBy;
  const addressee = text.addressee ?? letter.addressee;
  return { lang, title: text.title, body: text.body, summary: text.summary, organisedBy, addressee, languages };
}
