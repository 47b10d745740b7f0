import { Hono } from 'hono';
import { renderSVG } from 'uqr';
import { publicLetter } from '../domain/letters.ts';
import { taggedUrl } from '../domain/signing-source.ts';
import { perLetter } from '../live/per-letter.ts';
import type { RouteDeps } from './deps.ts';

/** The link in a QR code does not change with the letter: a day in caches, as the badge's files. */
const CACHE_CONTROL = 'public, max-age=86400';

/**
 * `GET /l/:slug/qr.svg`: a QR code of the letter's address for posters and screens, made here so it
 * needs no other site; `?download=1` saves it as a file. Error correction M survives a poster's
 * creases and stains; the border of four modules is the quiet zone scanners need.
 */
export function letterQrRoutes(deps: Pick<RouteDeps, 'store' | 'publicUrl'>) {
  const app = new Hono();
  app.get('/l/:slug/qr.svg', async (c) => {
    const letter = await publicLetter(deps.store, c.req.param('slug'));
    const svg = perLetter(letter, 'qr', () => renderSVG(taggedUrl(`${deps.publicUrl}/l/${letter.slug}`, 'share-qr'), { ecc: 'M', border: 4 }));
    c.header('Content-Type', 'image/svg+xml; charset=utf-8');
    c.header('Cache-Control', CACHE_CONTROL);
    if (c.req.query('download') === '1') c.header('Content-Disposition', `attachment; filename="${letter.slug}-qr.svg"`);
    return c.body(svg);
  });
  return app;
}
