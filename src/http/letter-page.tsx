import type { Context } from 'hono';
import type { RouteDeps } from '../app.ts';
import { letterText } from '../domain/letters.ts';
import { publicPage } from '../domain/signatories.ts';
import type { Letter } from '../domain/store.ts';
import { renderMarkdown } from '../markdown.ts';
import { LetterPage, type SignFormState } from '../views/letter.tsx';

const SIGNATORIES_SHOWN = 20;

/** Renders a letter in the reader's language (`?lang=`, then Accept-Language, then its default). */
export async function letterPage(
  deps: RouteDeps,
  c: Context,
  letter: Letter,
  options: { form?: SignFormState; status?: 200 | 400; banner?: string; lang?: string | undefined } = {},
) {
  const [text, signatories, stamp] = await Promise.all([
    letterText(deps.store, letter, options.lang ?? c.req.query('lang'), c.req.header('accept-language')),
    publicPage(deps.store, letter, { limit: SIGNATORIES_SHOWN }),
    deps.formGuard.stamp(deps.now()),
  ]);
  c.header('Vary', 'Accept-Language');
  return c.html(
    <LetterPage
      letter={letter}
      text={text}
      bodyHtml={renderMarkdown(text.body)}
      signatories={signatories}
      publicUrl={deps.publicUrl}
      streamUrl={deps.liveStream ? `/api/letters/${letter.slug}/count/stream` : undefined}
      form={{ ...(options.form ?? { values: {}, errors: {} }), stamp }}
      {...(options.banner && { banner: options.banner })}
    />,
    options.status ?? 200,
  );
}
