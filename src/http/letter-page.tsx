import type { Context } from 'hono';
import { parse as parseCookie } from 'hono/utils/cookie';
import { letterAt, type LetterText } from '../domain/letters.ts';
import { signingSource, type SigningSource } from '../domain/signing-source.ts';
import { publicPage } from '../domain/signatories.ts';
import type { Letter } from '../domain/entities.ts';
import { cacheResponse, cachedResponse, perLetter } from '../live/per-letter.ts';
import { isLanguage, type Language } from '../i18n/index.ts';
import { renderMarkdown } from '../markdown.ts';
import { pageLanguage } from '../views/page-language.ts';
import { renderPage } from '../views/render-page.tsx';
import { LANGUAGE_COOKIE, languageOf } from './render.tsx';
import type { RouteDeps } from './deps.ts';
import { letterTextFor } from './letter-language.ts';
import { markHeadersComplete } from './security-headers.ts';
import { LetterPage, type SignFormState } from '../views/letter.tsx';
import { SOURCE_FIELD } from '../views/sign-form-fields.ts';

/** What rendering and sending the letter page takes. */
export type LetterPageDeps = Pick<
  RouteDeps,
  'store' | 'formGuard' | 'now' | 'gzip' | 'proofOfWork' | 'publicUrl' | 'security' | 'liveStream'
>;

const SIGNATORIES_SHOWN = 20;
/** Stands for the form's stamp in a cached page; each response puts in the stamp of its second. */
const STAMP = '\u0000stamp\u0000';
/** Stands for the form's source in a page template; each source's copy of the page puts in its own. */
const SOURCE = '\u0000source\u0000';
const VARY = 'Accept-Language, Cookie, Accept-Encoding';
const HTML = { 'Content-Type': 'text/html; charset=UTF-8', Vary: VARY };
const HTML_GZIP = { ...HTML, 'Content-Encoding': 'gzip' };

/** Renders a letter in the reader's language (`?lang=`, then Accept-Language, then its default). */
export async function letterPage(
  deps: LetterPageDeps,
  c: Context,
  letter: Letter,
  options: { form?: SignFormState; status?: 200 | 400; banner?: string; lang?: string | undefined } = {},
): Promise<Response> {
  const proofOfWork = deps.proofOfWork.required(letter);
  if (options.form || options.banner) {
    const [parts, stamp] = await Promise.all([pageParts(deps, c, letter, proofOfWork, options.lang), deps.formGuard.stamp(deps.now())]);
    c.header('Vary', VARY);
    // An organizer's preview has an address of its own, for its language links; a form shown again does not.
    const path = c.req.method === 'GET' ? c.req.path : undefined;
    return c.html(render(parts, { ...(options.form ?? { values: {}, errors: {} }), stamp }, options.banner, path), options.status ?? 200);
  }
  const lang = c.req.query('lang');
  // Taken into the closed set of sources: a tag adds at most a copy of the page per source.
  const source = signingSource(c.req.query(SOURCE_FIELD));
  const chosenBy = choiceOf((name) => c.req.header(name), lang, proofOfWork, source);
  // Readers of a viral letter send the same few headers: their page is prebuilt once per change.
  const variant = cachedResponse<Variant>(letter, 'page', chosenBy) ?? (await newVariant(deps, c, letter, chosenBy, proofOfWork, source));
  const stamp = await deps.formGuard.stamp(deps.now());
  // Choosing a language sets its cookie on the context's response: that one is sent as it is.
  if (lang !== undefined) return c.body(bodyOf(deps, variant, stamp), 200, variant.gzipped ? HTML_GZIP : HTML);
  return prebuiltPage(deps, variant, stamp);
}

/**
 * The request headers that choose the page, taken as they come: most readers of a viral letter send
 * the same few, so the choice is made once per letter version for each of them. Of the cookies, only
 * the language's: an organizer's session is no part of the key. And whether the form asks for a proof
 * of work, which a flood turns on and off while the letter stays the same; and the source the form
 * sends on.
 */
function choiceOf(header: (name: string) => string | undefined, lang: string | undefined, proofOfWork: boolean, source: SigningSource): string {
  const cookies = header('cookie');
  const cookie = cookies && parseCookie(cookies, LANGUAGE_COOKIE)[LANGUAGE_COOKIE];
  return [lang, header('accept-language'), cookie, header('accept-encoding'), proofOfWork, source].join('\u0000');
}

/**
 * A Response of its own, with its headers in a plain object made once, as the count's are (see
 * prebuildEmbeddable): hono's headers are copied for every response.
 */
function prebuiltPage(deps: LetterPageDeps, variant: Variant, stamp: string): Response {
  return markHeadersComplete(new Response(bodyOf(deps, variant, stamp), { status: 200, headers: variant.headers }));
}

/**
 * The page with this second's stamp: the page most readers of a viral letter load, compressed once
 * per change, language and second (the stamp's), a third of the bytes to send, without compressing
 * on every request.
 */
function bodyOf(deps: LetterPageDeps, { rendition, gzipped }: Variant, stamp: string): string | Uint8Array<ArrayBuffer> {
  if (rendition.stamp !== stamp) {
    rendition.stamp = stamp;
    rendition.html = rendition.template.replace(STAMP, stamp);
    rendition.gzip = undefined;
  }
  return gzipped ? (rendition.gzip ??= deps.gzip!(rendition.html)) : rendition.html;
}

/** The page in one language of the letter and one of the interface, for each source its form sends on. */
interface PageTemplate {
  /** Rendered with {@link STAMP} and {@link SOURCE} in place of the form's stamp and source. */
  template: string;
  bySource: Map<SigningSource, Rendition>;
}

/** The page for one source, and its copy for the current second. */
interface Rendition {
  /** The page template with its source: {@link STAMP} stands for the stamp. */
  template: string;
  /** The stamp in `html` (and `gzip`, once a reader has taken it gzipped). */
  stamp: string | undefined;
  html: string;
  gzip: Uint8Array<ArrayBuffer> | undefined;
}

/** What one set of request headers chooses: the rendition, and whether it is sent gzipped. */
interface Variant {
  rendition: Rendition;
  gzipped: boolean;
  /** The content and security headers, for a response that carries them itself (see markHeadersComplete). */
  headers: Readonly<Record<string, string>>;
}

async function newVariant(deps: LetterPageDeps, c: Context, letter: Letter, chosenBy: string, proofOfWork: boolean, source: SigningSource) {
  const parts = await pageParts(deps, c, letter, proofOfWork);
  const page = perLetter(letter, `page\u0000${parts.text.lang}\u0000${parts.ui}\u0000${proofOfWork}`, (): PageTemplate => ({
    template: render(parts, { values: {}, errors: {}, stamp: STAMP, source: SOURCE }),
    bySource: new Map(),
  }));
  let rendition = page.bySource.get(source);
  if (!rendition) {
    rendition = { template: page.template.replace(SOURCE, source), stamp: undefined, html: '', gzip: undefined };
    page.bySource.set(source, rendition);
  }
  const gzipped = deps.gzip !== undefined && acceptsGzip(c.req.header('accept-encoding'));
  const headers = Object.freeze({ ...deps.security.forPath(c.req.path), ...(gzipped ? HTML_GZIP : HTML) });
  return cacheResponse<Variant>(letter, 'page', chosenBy, { rendition, gzipped, headers });
}

/** What a page is rendered from; kept with the letter object, so each is read once per change. */
async function pageParts(deps: LetterPageDeps, c: Context, letter: Letter, proofOfWork: boolean, lang?: string): Promise<PageParts> {
  const ui = isLanguage(lang) ? lang : languageOf(c);
  const [text, signatories] = await Promise.all([
    letterTextFor(deps.store, c, letter, ui),
    perLetter(letter, 'signatories', () => publicPage(deps.store, letter, { limit: SIGNATORIES_SHOWN })),
  ]);
  return { deps, ui, letter, text, signatories, proofOfWork };
}

interface PageParts {
  deps: LetterPageDeps;
  ui: Language;
  /** Whether the form asks for a proof of work. */
  proofOfWork: boolean;
  letter: Letter;
  text: LetterText;
  signatories: Awaited<ReturnType<typeof publicPage>>;
}

// A function of the module, not a closure made in letterPage: most requests for the page never render
// it, and under tsx every named closure is given its name by Object.defineProperty each time it is
// made, a cost every request paid (docs/performance.md#prebuilt-responses).
function render({ deps, ui, letter, text, signatories, proofOfWork }: PageParts, form: SignFormState, banner?: string, path?: string) {
  const now = deps.now();
  return renderPage(
    <LetterPage
      language={pageLanguage(ui)}
      letter={letterAt(letter, now)}
      now={now}
      text={text}
      bodyHtml={renderMarkdown(text.body)}
      signatories={signatories}
      publicUrl={deps.publicUrl}
      streamUrl={deps.liveStream ? `/api/letters/${letter.slug}/count/stream` : undefined}
      form={form}
      proofOfWork={proofOfWork}
      {...(banner && { banner })}
      {...(path && { path })}
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
