import type { Context, Next } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isLanguage, type Language } from '../i18n/index.ts';
import { pageLanguage, type PageLanguage } from '../views/page-language.ts';
import { renderPage } from '../views/render-page.tsx';
import { interfaceLanguage } from './request-language.ts';

export const LANGUAGE_COOKIE = 'lang';

/**
 * Remembers a language picked with ?lang= (the switcher's links) for the next pages. Not async: an
 * await of its own would cost every page request a promise and a turn.
 */
export function rememberLanguage(c: Context, next: Next) {
  const lang = c.req.query('lang');
  if (isLanguage(lang)) {
    setCookie(c, LANGUAGE_COOKIE, lang, { path: '/', sameSite: 'Lax', httpOnly: true, maxAge: 365 * 24 * 3600 });
  }
  return next();
}

/** The interface language of a request: `?lang=`, the remembered choice, Accept-Language, English. */
export function languageOf(c: Context): Language {
  return interfaceLanguage(c.req.query('lang'), getCookie(c, LANGUAGE_COOKIE), c.req.header('accept-language'));
}

/** Renders a page in the request's interface language, which `view` is given for its views. */
export function page(
  c: Context,
  view: (language: PageLanguage) => Child,
  status: ContentfulStatusCode = 200,
  lang: Language = languageOf(c),
) {
  // The language may come from the headers: a cache must not give one reader's page to another.
  c.header('Vary', 'Accept-Language, Cookie', { append: true });
  return c.html(renderPage(view(pageLanguage(lang))), status);
}
