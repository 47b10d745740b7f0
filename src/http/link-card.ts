import { Hono } from 'hono';
import { letterLanguages, letterText, publicLetter } from '../domain/letters.ts';
import { isLanguage, messagesFor } from '../i18n/index.ts';
import type { LinkCard } from '../views/link-card.ts';
import { signaturesText } from '../views/page-language.ts';
import type { RouteDeps } from './deps.ts';
import { letterTranslations } from './letter-language.ts';
import { embeddable, etagOf, prebuildEmbeddable, type PrebuiltEmbeddable } from './embeddable.ts';

/** A card changes only when its letter's title or displayed count does: an hour in caches. */
const CACHE_CONTROL = 'public, max-age=3600';
/**
 * Cards kept drawn, at most: one per letter and language, so the site's letters, not a stranger's
 * requests, say how many there are; past this, the card least recently asked for is dropped.
 */
const MAX_CARDS = 200;

/**
 * `GET /l/:slug/card.png?lang=`: the image of the letter's link previews (og:image), its title and
 * displayed count in one of its languages (`lang`, else its default). Drawing one takes far longer
 * than any other answer, so a card is drawn once per title and displayed count, not per letter
 * object (which the count hub replaces at every signature), and kept until that changes
 * (docs/performance.md#link-preview-cards). A letter's older card goes when its new one is drawn: a
 * count that moves does not crowd out the cards of other letters.
 */
export function linkCardRoutes(deps: Pick<RouteDeps, 'store' | 'publicUrl' | 'security' | 'linkCards'>) {
  const app = new Hono();
  const cards = new Map<string, { key: string; prebuilt: Promise<PrebuiltEmbeddable> }>();
  const site = new URL(deps.publicUrl).host;
  const headers = deps.security.forPath('/l/-/card.png');

  app.get('/l/:slug/card.png', async (c) => {
    const letter = await publicLetter(deps.store, c.req.param('slug'));
    const translations = await letterTranslations(deps.store, letter);
    const wanted = c.req.query('lang');
    const lang = wanted !== undefined && letterLanguages(letter, translations).includes(wanted) ? wanted : letter.lang;
    const text = letterText(letter, translations, lang);
    // The count's words in the letter's language where the site speaks it, else in English.
    const words = isLanguage(lang) ? lang : 'en';
    const count =
      letter.signatureCount === 0 ? messagesFor(words).noSignaturesYet.replace(/\.$/, '') : signaturesText(letter.signatureCount, words);
    const card: LinkCard = { title: text.title, count, site, lang };
    const slot = `${letter.slug}\u0000${card.lang}`;
    const key = [letter.slug, card.lang, card.title, card.count].join('\u0000');
    let kept = cards.get(slot);
    // Taken out and put back last: the map's order is the order in which cards are dropped.
    cards.delete(slot);
    if (kept?.key !== key) {
      const drawing = {
        key,
        prebuilt: deps.linkCards.png(card).then((png) =>
          prebuildEmbeddable(headers, { etag: etagOf(key), type: 'image/png', body: png, cacheControl: CACHE_CONTROL }),
        ),
      };
      // A failed drawing is not kept: the next request tries again.
      drawing.prebuilt.catch(() => cards.get(slot) === drawing && cards.delete(slot));
      if (cards.size >= MAX_CARDS) cards.delete(cards.keys().next().value!);
      kept = drawing;
    }
    cards.set(slot, kept);
    return embeddable(c, await kept.prebuilt);
  });
  return app;
}
