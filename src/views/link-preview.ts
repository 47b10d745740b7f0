import { CARD_HEIGHT, CARD_WIDTH } from './link-card.ts';

/** The name link previews give the site. */
const SITE_NAME = 'Undersigned';

/**
 * The head tags a link preview is made from: Open Graph (read by Facebook, Telegram, WhatsApp, Viber,
 * VK, Slack) and the Twitter card (X). Values are escaped by Head.
 */
export function linkPreview(page: {
  title: string;
  description: string;
  url: string;
  /** The language of the text shown; the letter's other languages as alternates. */
  lang: string;
  languages: string[];
  /** A 1200×630 image of the page (the letter's card), and what it shows in words. */
  image?: { url: string; alt: string };
}): Record<string, string>[] {
  const image = page.image;
  return [
    { property: 'og:type', content: 'article' },
    { property: 'og:site_name', content: SITE_NAME },
    { property: 'og:title', content: page.title },
    { property: 'og:description', content: page.description },
    { property: 'og:url', content: page.url },
    { property: 'og:locale', content: openGraphLocale(page.lang) },
    ...page.languages
      .filter((lang) => lang !== page.lang)
      .map((lang) => ({ property: 'og:locale:alternate', content: openGraphLocale(lang) })),
    ...(image
      ? [
          { property: 'og:image', content: image.url },
          { property: 'og:image:type', content: 'image/png' },
          { property: 'og:image:width', content: String(CARD_WIDTH) },
          { property: 'og:image:height', content: String(CARD_HEIGHT) },
          { property: 'og:image:alt', content: image.alt },
        ]
      : []),
    { name: 'twitter:card', content: image ? 'summary_large_image' : 'summary' },
    { name: 'twitter:title', content: page.title },
    { name: 'twitter:description', content: page.description },
    ...(image ? [{ name: 'twitter:image', content: image.url }, { name: 'twitter:image:alt', content: image.alt }] : []),
  ];
}

/**
 * Open Graph writes a locale as language_TERRITORY ("be_BY"): the likely territory of a bare tag. A
 * tag Intl cannot read (stored before language tags were checked against it) is given as it is.
 */
function openGraphLocale(tag: string): string {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag).maximize();
  } catch {
    return tag;
  }
  return locale.region ? `${locale.language}_${locale.region}` : locale.language;
}
