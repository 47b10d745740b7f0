import { describe, expect, it } from 'vitest';
import { nodeCardKit } from '../../src/link-card.node.ts';
import { createCardDrawer, type LinkCard } from '../../src/views/link-card.ts';

/** The text of `card` that no bundled font could draw. */
async function missingGlyphs(card: Omit<LinkCard, 'site'>): Promise<string[]> {
  const missing: string[] = [];
  await createCardDrawer(nodeCardKit, (text) => missing.push(text)).svg({ ...card, site: 'letters.example.org' });
  return missing;
}

describe('link preview cards', () => {
  it('have a glyph for every letter of Belarusian, Russian, Ukrainian, Łacinka and English titles', async () => {
    const titles = {
      be: 'Адкрыты ліст: ўсё, што трэба ведаць пра бібліятэку «Ґанак» — 2026',
      ru: 'Открытое письмо: Ёлкам — быть! Съешь же ещё этих мягких булок',
      uk: 'Відкритий лист: їжак, ґудзик, є, ї, і — «Київ»',
      'be-Latn': 'Adkryty list: Łacinka, ŭ, č, š, ž, ć, ń, ś, ź',
      en: 'An open letter — “quoted”, naïve café, 100% & more…',
    };
    for (const [lang, title] of Object.entries(titles)) {
      expect(await missingGlyphs({ lang, title, count: '2 500+ подпісаў' })).toEqual([]);
    }
  });

  it('report text that no bundled font draws', async () => {
    expect((await missingGlyphs({ lang: 'zh', title: '公开信', count: '2,500+ signatures' })).join('')).toContain('公开信');
  });
});
