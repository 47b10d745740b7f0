import { z } from 'zod';

/** The languages the interface is written in. */
export const LANGUAGES = ['en', 'be', 'ru', 'uk'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Whether the interface is written in `lang` (a `?lang=`, a cookie, a letter's language). */
export function isLanguage(lang: string | undefined): lang is Language {
  return lang !== undefined && (LANGUAGES as readonly string[]).includes(lang);
}

/**
 * The language tags a letter, a translation or a signature may have: a BCP 47 primary language
 * subtag, then up to three subtags of script, region or variant ("en", "be-Latn", "pt-BR").
 */
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/;

/** Whether Intl reads `tag` as a locale: the pattern lets through some that are not ("en-12", "uk-u"). */
function isLocale(tag: string): boolean {
  try {
    new Intl.Locale(tag);
    return true;
  } catch {
    return false;
  }
}

/** A zod schema for a language tag ({@link LANGUAGE_TAG}) that the runtime's Intl can format for. */
export const LanguageTag = z
  .string({ error: 'Language must be text.' })
  .regex(LANGUAGE_TAG, 'Language must be a language tag such as "en" or "be".')
  .refine(isLocale, 'Language must be a language tag such as "en" or "be".');
