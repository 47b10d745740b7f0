import { Hono } from 'hono';
import { displayCount, isLocale } from '../domain/count-display.ts';
import { ServiceError } from '../domain/errors.ts';
import { publicLetter } from '../domain/letters.ts';
import { sign } from '../domain/sign.ts';
import type { Letter } from '../domain/store.ts';
import type { AppDeps } from '../app.ts';
import { jsonBody } from './request-body.ts';

/** The public JSON API under /api. */
export function apiRoutes(deps: AppDeps) {
  const api = new Hono();
  const summary = (letter: Letter, locale = 'en') => ({
    slug: letter.slug,
    title: letter.title,
    url: `${deps.publicUrl}/l/${letter.slug}`,
    count: letter.signatureCount,
    display: displayCount(letter.signatureCount, locale),
  });

  api.get('/letters', async (c) => {
    const letters = await deps.store.openLetters();
    return c.json({ letters: letters.map((letter) => summary(letter)) });
  });

  api.get('/letters/:slug', async (c) => {
    const letter = await publicLetter(deps.store, c.req.param('slug'));
    return c.json({
      ...summary(letter),
      summary: letter.summary,
      lang: letter.lang,
      state: letter.state,
      updatedAt: letter.countUpdatedAt.toISOString(),
    });
  });

  api.get('/letters/:slug/count', async (c) => {
    const locale = c.req.query('locale') ?? 'en';
    if (!isLocale(locale)) {
      throw new ServiceError('invalid_input', 'Some fields need attention.', {
        locale: 'Locale must be a language tag such as "en" or "de".',
      });
    }
    const letter = await publicLetter(deps.store, c.req.param('slug'));
    return c.json({
      count: letter.signatureCount,
      display: displayCount(letter.signatureCount, locale),
      updatedAt: letter.countUpdatedAt.toISOString(),
    });
  });

  api.post('/letters/:slug/signatures', async (c) => {
    const { mailQueued } = await sign(deps, c.req.param('slug'), await jsonBody(c));
    if (mailQueued) deps.onMailQueued?.();
    return c.json({ status: 'pending_verification' }, 202);
  });

  return api;
}
