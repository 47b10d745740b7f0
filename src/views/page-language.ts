import { displayCount } from '../domain/count-display.ts';
import { messagesFor, plural, type Language, type Messages } from '../i18n/index.ts';

/** The language a page is rendered in, given to each of its views: the code, the strings, and counts. */
export interface PageLanguage {
  lang: Language;
  m: Messages;
  /** "1 signature", "2 подпісы", "2,500+ signatures" in this language. */
  signatures(count: number): string;
}

export function pageLanguage(lang: Language): PageLanguage {
  return { lang, m: messagesFor(lang), signatures: (count) => signaturesText(count, lang) };
}

/** "1 signature", "2 подпісы", "2,500+ signatures", "2 500+ подпісаў". */
export function signaturesText(count: number, lang: string): string {
  return `${displayCount(count, lang)} ${signaturesWord(count, lang)}`;
}

/** The word that goes with a count as it is shown: 2,512 is shown as "2,500+", so "many", not "few". */
export function signaturesWord(count: number, lang: string): string {
  const shown = count < 1000 ? count : Number(displayCount(count, lang).replace(/\D/g, ''));
  return plural(lang, shown, messagesFor(lang).signatures);
}
