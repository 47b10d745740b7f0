import type { Font } from 'satori/standalone';

/** The size link previews show a large image at (Open Graph's and X's summary_large_image). */
export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

/**
 * The font files a card is drawn with: Noto Sans Bold (@fontsource/noto-sans), the subsets that cover
 * the Latin and Cyrillic alphabets of the site's languages and of Belarusian Łacinka. One weight keeps
 * the bundle small; size and colour set the title apart from the count.
 */
export const CARD_FONT_FILES = [
  'noto-sans-latin-700-normal.woff',
  'noto-sans-latin-ext-700-normal.woff',
  'noto-sans-cyrillic-700-normal.woff',
] as const;

/** What a runtime draws cards with: the same layout on every runtime, its own wasm loading and rasteriser. */
export interface CardKit {
  /** satori's layout engine (satori/layout.wasm), as the runtime loads wasm. */
  layoutWasm: WebAssembly.Module | BufferSource;
  /** The bytes of {@link CARD_FONT_FILES}, in that order. */
  fonts: ArrayBuffer[];
  /** An SVG as a PNG of the SVG's own size. */
  rasterize(svg: string): Uint8Array<ArrayBuffer>;
}

/** What a card shows. */
export interface LinkCard {
  title: string;
  /** The displayed count in the letter's language ("2,500+ signatures"). */
  count: string;
  /** The site's host, so a preview says where the link leads. */
  site: string;
  lang: string;
}

type Satori = typeof import('satori/standalone').default;

export interface CardDrawer {
  /** The card as satori lays it out, text drawn as paths. */
  svg(card: LinkCard): Promise<string>;
  png(card: LinkCard): Promise<Uint8Array<ArrayBuffer>>;
}

/**
 * Draws link preview cards: satori lays them out as SVG, the runtime's resvg rasterises them. The kit
 * is loaded at the first card, not at start: most processes never draw one. `onMissingGlyphs` hears
 * of text no bundled font covers, which is drawn as nothing.
 */
export function createCardDrawer(loadKit: () => Promise<CardKit>, onMissingGlyphs: (text: string, lang: string) => void): CardDrawer {
  let ready: Promise<{ kit: CardKit; fonts: Font[]; satori: Satori }> | undefined;
  const prepare = () =>
    (ready ??= loadKit()
      .then(async (kit) => {
        // Loaded with the kit, not with this module: satori compiles its text shaper's wasm as it
        // loads, which a runtime may first have to prepare (see src/link-card.web.ts).
        const { default: satori, init } = await import('satori/standalone');
        // satori waits for its layout engine itself.
        init(kit.layoutWasm);
        // One family per subset: satori takes one font per family and weight, and falls back
        // through the families the text's font-family lists.
        const fonts = kit.fonts.map((data, i): Font => ({ name: familyOf(i), data, weight: 700, style: 'normal' }));
        return { kit, fonts, satori };
      })
      .catch((error: unknown) => {
        ready = undefined;
        throw error;
      }));
  const svg = async (card: LinkCard) => {
    const { fonts, satori } = await prepare();
    return satori(cardLayout(card), {
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      fonts,
      loadAdditionalAsset: async (_code, segment) => {
        onMissingGlyphs(segment, card.lang);
        return [];
      },
    });
  };
  return {
    svg,
    png: async (card) => {
      const [{ kit }, drawn] = await Promise.all([prepare(), svg(card)]);
      return kit.rasterize(drawn);
    },
  };
}

const familyOf = (index: number) => `Card ${index}`;
const FONT_FAMILY = CARD_FONT_FILES.map((_, i) => familyOf(i)).join(', ');

// The site's colours (public/style.css).
const INK = '#1d1d1f';
const MUTED = '#5b5b66';
const ACCENT = '#0b5cad';

/** The card as satori's elements (React's shape, without React): title above, count and site below. */
function cardLayout(card: LinkCard) {
  const fontSize = card.title.length <= 60 ? 68 : card.title.length <= 120 ? 56 : 46;
  return element(
    'div',
    {
      display: 'flex',
      flexDirection: 'column',
      justifyContent: 'space-between',
      boxSizing: 'border-box',
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      padding: '64px 72px',
      backgroundColor: '#fdfdfb',
      borderTop: `16px solid ${ACCENT}`,
      color: INK,
      fontFamily: FONT_FAMILY,
    },
    [
      element('div', { display: 'block', fontSize, lineHeight: 1.2, lineClamp: 4 }, card.title, card.lang),
      element('div', { display: 'flex', justifyContent: 'space-between', alignItems: 'flex-end' }, [
        element('div', { display: 'flex', fontSize: 44, color: ACCENT }, card.count, card.lang),
        element('div', { display: 'flex', fontSize: 28, color: MUTED }, card.site),
      ]),
    ],
  );
}

function element(type: string, style: Record<string, string | number>, children: unknown, lang?: string) {
  return { type, props: { style, children, ...(lang && { lang }) } };
}
