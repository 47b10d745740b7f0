import { describe, expect, it } from 'vitest';
import { be, en, LANGUAGES, messagesFor, ru, uk, type Messages } from '../src/i18n/index.ts';
import { signaturesText } from '../src/views/page-language.ts';

/** Every string of a dictionary, by its path, functions called with sample arguments. */
function strings(messages: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof messages === 'string') out.set(path, messages);
  else if (typeof messages === 'function') out.set(path, String((messages as (...a: unknown[]) => unknown)(7, 'Title')));
  else if (messages && typeof messages === 'object') {
    for (const [key, value] of Object.entries(messages)) {
      for (const [k, v] of strings(value, path ? `${path}.${key}` : key)) out.set(k, v);
    }
  }
  return out;
}

describe('the interface languages', () => {
  const english = strings(en);

  it.each([
    ['be', be],
    ['ru', ru],
    ['uk', uk],
  ] as [string, Messages][])('%s has every English string, translated', (_, messages) => {
    const translated = strings(messages);
    const missing = [...english.keys()].filter((key) => !translated.get(key)?.trim());
    expect(missing).toEqual([]);
    // Not English left in place (a few words, like "Undersigned", may stay the same).
    const same = [...english].filter(([key, text]) => translated.get(key) === text && text.length > 12);
    expect(same).toEqual([]);
  });

  it.each(LANGUAGES.map((lang) => [lang]))('%s has every plural form its language needs', (lang) => {
    const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
    const { signatures, others, waiting, domainSigners } = messagesFor(lang);
    for (const forms of [signatures, others, waiting, domainSigners]) {
      for (const category of categories) expect(forms[category], `${lang} ${category}`).toBeTruthy();
    }
  });

  it('counts with the plural form and grouping of each language', () => {
    expect(signaturesText(1, 'be')).toBe('1 подпіс');
    expect(signaturesText(2, 'be')).toBe('2 подпісы');
    expect(signaturesText(5, 'be')).toBe('5 подпісаў');
    expect(signaturesText(21, 'ru')).toBe('21 подпись');
    expect(signaturesText(3, 'uk')).toBe('3 підписи');
    expect(signaturesText(11, 'uk')).toBe('11 підписів');
    expect(signaturesText(1, 'en')).toBe('1 signature');
    expect(signaturesText(2512, 'en')).toBe('2,500+ signatures');
    expect(signaturesText(12_345, 'ru').replace(/\s/g, ' ')).toBe('12 000+ подписей');
  });
});
