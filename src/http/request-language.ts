import { isLanguage, LANGUAGES, type Language } from '../i18n/index.ts';

/**
 * The language of the interface: `?lang=`, then the choice the language switcher remembered (the
 * `lang` cookie), then the browser's Accept-Language, then English.
 */
export function interfaceLanguage(query: string | undefined, cookie: string | undefined, acceptLanguage: string | undefined): Language {
  for (const wanted of [query, cookie]) {
    if (isLanguage(wanted)) return wanted;
  }
  return chooseLanguage([...LANGUAGES], undefined, acceptLanguage) as Language;
}

/**
 * The best of `available` for a request: `requested` if available, then the best match of the
 * Accept-Language header (exact tag, then primary subtag), then `available[0]`, the default.
 */
export function chooseLanguage(available: string[], requested?: string, acceptLanguage?: string): string {
  const fallback = available[0] ?? 'en';
  if (requested && available.includes(requested)) return requested;
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((w) => w.tag && w.tag !== '*' && w.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const lower = available.map((tag) => tag.toLowerCase());
  for (const { tag } of wanted) {
    const exact = lower.indexOf(tag);
    if (exact >= 0) return available[exact]!;
    const primary = lower.findIndex((a) => a.split('-')[0] === tag.split('-')[0]);
    if (primary >= 0) return available[primary]!;
  }
  return fallback;
}
