import { describe, expect, it } from 'vitest';
import { chooseLanguage, interfaceLanguage } from '../../src/http/request-language.ts';

describe('the language a request asks for', () => {
  it('picks ?lang=, then the remembered choice, then Accept-Language, then English', () => {
    expect(interfaceLanguage('be', 'ru', 'uk')).toBe('be');
    expect(interfaceLanguage('xx', 'ru', 'uk')).toBe('ru');
    expect(interfaceLanguage(undefined, undefined, 'de-DE,uk;q=0.8,en;q=0.5')).toBe('uk');
    expect(interfaceLanguage(undefined, undefined, 'be-BY')).toBe('be');
    expect(interfaceLanguage(undefined, undefined, 'fr-FR')).toBe('en');
    expect(interfaceLanguage(undefined, undefined, undefined)).toBe('en');
  });

  it("shows a letter in the asked language if it has it, else the browser's best match, else its default", () => {
    expect(chooseLanguage(['be', 'en'], 'en', 'be')).toBe('en');
    expect(chooseLanguage(['be', 'en'], 'uk', 'en-GB;q=0.5,ru;q=0.9')).toBe('en');
    expect(chooseLanguage(['be', 'en', 'ru'], undefined, 'en-GB;q=0.5,ru;q=0.9')).toBe('ru');
    expect(chooseLanguage(['be', 'en'], undefined, 'de, *')).toBe('be');
  });
});
