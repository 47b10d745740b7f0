import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Language } from '../i18n/index.ts';
import { renderPage } from '../views/language-context.tsx';
import { interfaceLanguage } from './request-language.ts';

export const LANGUAGE_COOKIE = 'lang';

/** The interface language of a request: `?lang=`, the remembered choice, Accept-Language, English. */
export function languageOf(c: Context): Language {
  return interfaceLanguage(c.req.query('lang'), getCookie(c, LANGUAGE_COOKIE), c.req.header('accept-language'));
}

/** Renders a page in the request's interface language. */
export function page(c: Context, node: Child, status: ContentfulStatusCode = 200, lang: Language = languageOf(c)) {
  return c.html(renderPage(lang, node), status);
}
