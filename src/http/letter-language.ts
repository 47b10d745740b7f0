import type { Context } from 'hono';
import type { Letter } from '../domain/entities.ts';
import { letterLanguages, letterText, type LetterText } from '../domain/letters.ts';
import type { Store } from '../domain/store.ts';
import type { Language } from '../i18n/index.ts';
import { perLetter } from '../live/per-letter.ts';
import { languageOf } from './render.tsx';
import { chooseLanguage } from './request-language.ts';

/**
 * The text of a letter as a request reads it: its translation into the interface language `ui`,
 * else the best of its languages for the Accept-Language header, else its own.
 */
export async function letterTextFor(
  store: Pick<Store, 'translations'>,
  c: Context,
  letter: Letter,
  ui: Language = languageOf(c),
): Promise<LetterText> {
  const translations = await letterTranslations(store, letter);
  const shown = chooseLanguage(letterLanguages(letter, translations), ui, c.req.header('accept-language'));
  return letterText(letter, translations, shown);
}

/** A letter's translations, kept with the letter (and across its count changes: see carryText). */
export function letterTranslations(store: Pick<Store, 'translations'>, letter: Letter) {
  return perLetter(letter, 'translations', () => store.translations(letter.id));
}

/**
 * The letter with its title, summary and names in the language {@link letterTextFor} chooses, for
 * the pages around it (signatories, check your email, the widget) to name it as its page does.
 */
export async function letterFor(store: Pick<Store, 'translations'>, c: Context, letter: Letter): Promise<Letter> {
  const { title, summary, organisedBy, addressee } = await letterTextFor(store, c, letter);
  return { ...letter, title, summary, organisedBy, addressee };
}

/** A confirm or withdraw link's outcome, its letter named in the reader's language. */
export async function withLetterTitle<T extends { subject: { letter: { slug: string; title: string } } }>(
  store: Pick<Store, 'translations' | 'letterBySlug'>,
  c: Context,
  outcome: T,
): Promise<T> {
  const letter = await store.letterBySlug(outcome.subject.letter.slug);
  if (!letter) return outcome;
  const { title } = await letterTextFor(store, c, letter);
  return { ...outcome, subject: { ...outcome.subject, letter: { ...outcome.subject.letter, title } } };
}
