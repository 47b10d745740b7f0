import type { Context } from 'hono';
import type { RouteDeps } from '../app.ts';
import { letterText } from '../domain/letters.ts';
import { publicPage } from '../domain/signatories.ts';
import type { Letter } from '../domain/store.ts';
import { perLetter } from '../live/per-letter.ts';
import { renderMarkdown } from '../markdown.ts';
import { LetterPage, type SignFormState } from '../views/letter.tsx';

const SIGNATORIES_SHOWN = 20;
/** Stands for the form's stamp in a cached page; each answer puts in the stamp of its second. */
const STAMP = '\u0000stamp\u0000';


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
  const page = await perLetter(letter, `page\u0000${text.lang}`, () => render({ values: {}, errors: {}, stamp: STAMP }));
  return c.html(page.replace(STAMP, stamp));
}
