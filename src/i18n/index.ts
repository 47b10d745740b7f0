export { be } from './be.ts';
export { en, type Messages, type Plural } from './en.ts';
export { ru } from './ru.ts';
export { uk } from './uk.ts';
export { detailsToCheck, LANGUAGES, listingChoice, messagesFor, plural, type Language } from './language.ts';
