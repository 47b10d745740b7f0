import { Hono, type Context } from 'hono';
import { displayCount, isLocale } from '../domain/count-display.ts';
import { isPublic, letterAt, publicLetter } from '../domain/letters.ts';
import { BADGE_LANGUAGES, BADGE_STYLES, badgeLabel, badgeSvg, defaultLabel, type BadgeStyle } from '../views/badge.ts';
import { EmbedPage } from '../views/embed.tsx';
import { cacheResponse, perLetter } from '../live/per-letter.ts';
import type { RouteDeps } from './deps.ts';
import { taggedUrl } from '../domain/signing-source.ts';
import { embeddable, prebuildEmbeddable, etagOf, queryOf } from './embeddable.ts';
import { letterFor } from './letter-language.ts';
import { page } from './render.tsx';
import { chooseLanguage } from './request-language.ts';

const SVG = 'image/svg+xml; charset=utf-8';

/** What other sites embed: the counter badge and the iframe widget. */
export function embedRoutes(deps: Pick<RouteDeps, 'store' | 'publicUrl' | 'security' | 'liveStream' | 'now'>) {
  const embeds = new Hono();

  // Cached per query string and language, as the count is.
  embeds.get('/badge/:file', async (c) => {
    const file = c.req.param('file');
    const style = (c.req.query('style') ?? 'flat') as BadgeStyle;
    const asked = c.req.query('locale') ?? c.req.query('lang');
    // On another site's page the badge speaks its visitor's language, unless the snippet names one.
    const locale = asked ?? chooseLanguage(BADGE_LANGUAGES, undefined, c.req.header('accept-language'));
    const vary = asked === undefined ? { vary: 'Accept-Language' } : undefined;
    if (!BADGE_STYLES.includes(style)) return errorBadge(c, 400, 'invalid style');
    if (!isLocale(locale)) return errorBadge(c, 400, 'invalid locale');
    const letter = file.endsWith('.svg') ? await deps.store.letterBySlug(file.slice(0, -'.svg'.length)) : undefined;
    if (!isPublic(letter)) return errorBadge(c, 404, 'letter not found');
    const labelled = badgeLabel(c.req.query('label') ?? defaultLabel(locale));
    if ('problem' in labelled) return errorBadge(c, 400, 'invalid label');
    const { label } = labelled;
    // Drawing a badge measures every character; it is drawn once per count change and look.
    const answer = perLetter(letter, ['badge', style, locale, label, Boolean(vary)].join('\u0000'), () =>
      prebuildEmbeddable(deps.security.forPath(c.req.path), {
        etag: etagOf([letter.slug, letter.signatureCount, style, locale, label].join('\u0000')),
        type: SVG,
        body: badgeSvg(label, displayCount(letter.signatureCount, locale), style),
        ...(vary && { headers: vary }),
      }),
    );
    return embeddable(c, cacheResponse(letter, 'badge', `${queryOf(c)}\u0000${locale}`, answer));
  });

  embeds.get('/embed/:slug', async (c) => {
    const now = deps.now();
    const letter = letterAt(await letterFor(deps.store, c, await publicLetter(deps.store, c.req.param('slug'))), now);
    return page(c, (language) => (
      <EmbedPage
        language={language}
        letter={letter}
        now={now}
        url={taggedUrl(`${deps.publicUrl}/l/${letter.slug}`, 'embed-widget')}
        streamUrl={deps.liveStream ? `/api/letters/${letter.slug}/count/stream` : undefined}
      />
    ));
  });

  return embeds;
}

/** A badge that says what is wrong, in grey: an embed shows a readable image, never a broken one. */
function errorBadge(c: Context, status: 400 | 404, message: string) {
  return c.body(badgeSvg('signatures', message, 'flat', 'lightgrey'), status, {
    'Content-Type': SVG,
    'Cache-Control': 'public, max-age=60',
    'Access-Control-Allow-Origin': '*',
  });
}
