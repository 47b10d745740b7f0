export { be } from './be.ts';
export { en, type Messages, type Plural } from './en.ts';
export { ru } from './ru.ts';
export { uk } from './uk.ts';
export { detailsToCheck, listingChoice, messagesFor, plural } from './language.ts';
export { isLanguage, LANGUAGES, LanguageTag, type Language } from './language-tag.ts';
