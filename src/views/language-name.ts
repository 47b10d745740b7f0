import { isLanguage, messagesFor } from '../i18n/index.ts';

/**
 * A language's name in that language, as a reader looks for it in a list: "Беларуская", "Deutsch".
 * The interface's own languages use their translators' wording; others take Intl's, capitalised as a
 * list item is, and the code where Intl does not know the language.
 */
export function languageName(code: string): string {
  if (isLanguage(code)) return messagesFor(code).languageName;
  try {
    const name = new Intl.DisplayNames([code], { type: 'language' }).of(code);
    return name ? name.charAt(0).toLocaleUpperCase(code) + name.slice(1) : code;
  } catch {
    return code;
  }
}
