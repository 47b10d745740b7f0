import { createContext, useContext } from 'hono/jsx';
import { messagesFor, plural, type Language, type Messages } from '../i18n/index.ts';
import { displayCount } from '../domain/count-display.ts';

/** The interface language of the page being rendered, set once around it (see http/render). */
export const LanguageContext = createContext<Language>('en');

/** The strings of the page's language, and count formatting in it. */
export function useLanguage(): { lang: Language; m: Messages; signatures(count: number): string } {
  const lang = useContext(LanguageContext);
  return { lang, m: messagesFor(lang), signatures: (count) => signaturesText(count, lang) };
}

/** "1 signature", "2 подпісы", "2,500+ signatures", "2 500+ подпісаў". */
export function signaturesText(count: number, lang: string): string {
  const display = displayCount(count, lang);
  // The plural follows the number shown: 2,512 is shown as "2,500+", so "many", not "few".
  const shown = count < 1000 ? count : Number(display.replace(/\D/g, ''));
  return `${display} ${plural(lang, shown, messagesFor(lang).signatures)}`;
}
