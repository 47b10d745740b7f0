import type { Context } from 'hono';
import type { RouteDeps } from '../app.ts';
import { letterText } from '../domain/letters.ts';
import { publicPage } from '../domain/signatories.ts';
import type { Letter } from '../domain/store.ts';
import { perLetter } from '../live/per-letter.ts';
import { LANGUAGES, type Language } from '../i18n/index.ts';
import { renderMarkdown } from '../markdown.ts';
import { renderPage } from '../views/language-context.tsx';
import { languageOf } from './render.tsx';
import { madeWithHeaders } from './security-headers.ts';
import { LetterPage, type SignFormState } from '../views/letter.tsx';

const SIGNATORIES_SHOWN = 20;
/** Stands for the form's stamp in a cached page; each answer puts in the stamp of its second. */
const STAMP = '\u0000stamp\u0000';
const VARY = 'Accept-Language, Cookie, Accept-Encoding';
const HTML = { 'Content-Type': 'text/html; charset=UTF-8', Vary: VARY };
const HTML_GZIP = { ...HTML, 'Content-Encoding': 'gzip' };


/** Renders a letter in the reader's language (`?lang=`, then Accept-Language, then its default). */
export async function letterPage(
  deps: RouteDeps,
  c: Context,
  letter: Letter,
  options: { form?: SignFormState; status?: 200 | 400; banner?: string; lang?: string | undefined } = {},
) {
  // Kept with the letter object, so the page is rendered once per change and language, not per request.
  const [translations, signatories, stamp] = await Promise.all([
    perLetter(letter, 'translations', () => deps.store.translations(letter.id)),
    perLetter(letter, 'signatories', () => publicPage(deps.store, letter, { limit: SIGNATORIES_SHOWN })),
    deps.formGuard.stamp(deps.now()),
  ]);
  const ui = options.lang && (LANGUAGES as readonly string[]).includes(options.lang) ? (options.lang as Language) : languageOf(c);
  const text = letterText(letter, translations, ui, c.req.header('accept-language'));
  const page: PageParts = { deps, ui, letter, text, signatories };
  if (options.form || options.banner) {
    c.header('Vary', VARY);
    return c.html(render(page, { ...(options.form ?? { values: {}, errors: {} }), stamp }, options.banner), options.status ?? 200);
  }
  const key = `page\u0000${text.lang}\u0000${ui}`;
  const template = perLetter(letter, key, () => render(page, { values: {}, errors: {}, stamp: STAMP }));
  const html = perLetter(letter, `${key}\u0000${stamp}`, () => template.replace(STAMP, stamp));
  const { gzip } = deps;
  const gzipped = gzip !== undefined && acceptsGzip(c.req.header('accept-encoding'));
  // The page most readers of a viral letter load, compressed once per change, language and second
  // (the stamp's): a third of the bytes to send, without compressing on every request.
  const body = gzipped ? perLetter(letter, `${key}\u0000gzip\u0000${stamp}`, () => gzip(html)) : html;
  const headers = gzipped ? HTML_GZIP : HTML;
  // Choosing a language sets its cookie on the context's response: that one is sent as it is.
  if (c.req.query('lang') !== undefined) return c.body(body, 200, headers);
  // Otherwise the answer is a Response of its own, with its headers in a plain object made once, as
  // the count's are (see embeddableAnswer): hono's headers are copied for every answer.
  return madeWithHeaders(
    new Response(body, {
      status: 200,
      headers: perLetter(letter, `headers\u0000${gzipped}`, () => Object.freeze({ ...deps.security.forPath(c.req.path), ...headers })),
    }),
  );
}

interface PageParts {
  deps: RouteDeps;
  ui: Language;
  letter: Letter;
  text: ReturnType<typeof letterText>;
  signatories: Awaited<ReturnType<typeof publicPage>>;
}

// A function of the module, not a closure made in letterPage: most requests for the page never render
// it, and under tsx every named closure is given its name by Object.defineProperty each time it is
// made: 1.35% of the HTTP thread's time in the viral mix.
function render({ deps, ui, letter, text, signatories }: PageParts, form: SignFormState, banner?: string) {
  return renderPage(
    ui,
    <LetterPage
      letter={letter}
      text={text}
      bodyHtml={renderMarkdown(text.body)}
      signatories={signatories}
      publicUrl={deps.publicUrl}
      streamUrl={deps.liveStream ? `/api/letters/${letter.slug}/count/stream` : undefined}
      form={form}
      {...(banner && { banner })}
    />,
  );
}

/** Whether an Accept-Encoding header takes gzip (named, or as `*`, and not with q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let accepted = false;
  for (const item of header.toLowerCase().split(',')) {
    const [coding, ...params] = item.split(';').map((part) => part.trim());
    const refused = params.some((param) => /^q=0(\.0{0,3})?$/.test(param));
    if (coding === 'gzip') return !refused;
    if (coding === '*') accepted = !refused;
  }
  return accepted;
}
