import { be } from './be.ts';
import { en, type Messages, type Plural } from './en.ts';
import { isLanguage, type Language } from './language-tag.ts';
import { ru } from './ru.ts';
import { uk } from './uk.ts';

const MESSAGES: Record<Language, Messages> = { en, be, ru, uk };

/** The interface's strings in a language, English for one it does not have. */
export function messagesFor(lang: string): Messages {
  return isLanguage(lang) ? MESSAGES[lang] : en;
}

const rules = new Map<string, Intl.PluralRules>();

/** The form of a word for a count, by the language's plural rules: 1 подпіс, 2 подпісы, 5 подпісаў. */
export function plural(lang: string, count: number, forms: Plural): string {
  let rule = rules.get(lang);
  if (!rule) {
    rule = new Intl.PluralRules(lang);
    rules.set(lang, rule);
  }
  return forms[rule.select(count)] ?? forms.other;
}

/** The sentences that tell a signer what they chose about the public list and their email domain. */
export function listingChoice(
  m: Messages,
  choice: { listed: boolean; listThreshold: number | null; emailDomain: string | null },
  count: (n: number) => string,
): string[] {
  const listing = !choice.listed ? m.willNotBeListed : choice.listThreshold ? m.willBeListedAt(count(choice.listThreshold)) : m.willBeListed;
  return choice.emailDomain ? [listing, m.willShowDomain(choice.emailDomain)] : [listing];
}

/**
 * The details a signing request gave, as its mail and its confirm page show them for checking before
 * anything is published: label and value, for the fields that were filled in.
 */
export function detailsToCheck(
  m: Messages,
  details: { name: string | null; title: string | null; organisation: string | null; city: string | null },
): [label: string, value: string][] {
  const rows: [string, string | null][] = [
    [m.yourName, details.name],
    [m.titleOrRole, details.title],
    [m.organisation, details.organisation],
    [m.city, details.city],
  ];
  return rows.filter((row): row is [string, string] => Boolean(row[1]));
}
