import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Language } from '../i18n/index.ts';
import { pageLanguage, type PageLanguage } from '../views/page-language.ts';
import { renderPage } from '../views/render-page.tsx';
import { interfaceLanguage } from './request-language.ts';

export const LANGUAGE_COOKIE = 'lang';

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
