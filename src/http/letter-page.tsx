import type { Context } from 'hono';
import type { RouteDeps } from '../app.ts';
import type { Translation } from '../domain/letter-input.ts';
import { letterText } from '../domain/letters.ts';
import { publicPage, type PublicPage } from '../domain/signatories.ts';
import type { Letter } from '../domain/store.ts';
import { renderMarkdown } from '../markdown.ts';
import { LetterPage, type SignFormState } from '../views/letter.tsx';

const SIGNATORIES_SHOWN = 20;
/** Stands for the form's stamp in a cached page; each answer puts in the stamp of its second. */
const STAMP = '\u0000stamp\u0000';

interface Rendered {
  translations: Promise<(Translation & { lang: string })[]>;
  signatories: Promise<PublicPage>;
  /** The page with an empty form, by language. */
  pages: Map<string, string>;
}

// A letter object lives until its count or text changes (the count hub replaces it then, or after
// at most one refresh interval), so what is rendered from it is kept with it: the page is rendered
// once per change and language, not once per request.
const rendered = new WeakMap<Letter, Rendered>();

/** Renders a letter in the reader's language (`?lang=`, then Accept-Language, then its default). */
export async function letterPage(
  deps: RouteDeps,
  c: Context,
  letter: Letter,
  options: { form?: SignFormState; status?: 200 | 400; banner?: string; lang?: string | undefined } = {},
) {
  let cache = rendered.get(letter);
  if (!cache) {
    cache = {
      translations: deps.store.translations(letter.id),
      signatories: publicPage(deps.store, letter, { limit: SIGNATORIES_SHOWN }),
      pages: new Map(),
    };
    rendered.set(letter, cache);
  }
  const [translations, signatories, stamp] = await Promise.all([
    cache.translations,
    cache.signatories,
    deps.formGuard.stamp(deps.now()),
  ]);
  const text = letterText(letter, translations, options.lang ?? c.req.query('lang'), c.req.header('accept-language'));
  const render = (form: SignFormState) =>
    (
      <LetterPage
        letter={letter}
        text={text}
        bodyHtml={renderMarkdown(text.body)}
        signatories={signatories}
        publicUrl={deps.publicUrl}
        streamUrl={deps.liveStream ? `/api/letters/${letter.slug}/count/stream` : undefined}
        form={form}
        {...(options.banner && { banner: options.banner })}
      />
    ).toString();
  c.header('Vary', 'Accept-Language');
  if (options.form || options.banner) {
    return c.html(await render({ ...(options.form ?? { values: {}, errors: {} }), stamp }), options.status ?? 200);
  }
  let page = cache.pages.get(text.lang);
  if (page === undefined) {
    page = await render({ values: {}, errors: {}, stamp: STAMP });
    cache.pages.set(text.lang, page);
  }
  return c.html(page.replace(STAMP, stamp));
}
