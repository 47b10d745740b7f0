import { z } from 'zod';
import PROVIDERS from './mail-providers.json' with { type: 'json' };

/**
 * A large mail provider, and its own rules for which addresses reach one mailbox, as data
 * (mail-providers.json, with a source for each rule): domains that are aliases of one another, the
 * characters that start a tag ("name+tag", Yahoo's "name-tag"), and what a dot in the local part
 * means. An account at one of these takes a sign-up a script cannot repeat freely, so each of their
 * mailboxes counts alone toward a listing threshold (see thresholdGroup).
 */
export const MailProvider = z.strictObject({
  provider: z.string(),
  domains: z.array(z.string().regex(/^[a-z0-9.-]+$/)).min(1),
  /** Set when the domains are aliases of one mailbox: the domain they all fold to. */
  mailboxDomain: z.string().optional(),
  tagSeparators: z.array(z.string().length(1)).default([]),
  /** "ignored": f.oo and foo are one mailbox; "hyphen": f.oo and f-oo are. Unset: a dot is a dot. */
  dots: z.enum(['ignored', 'hyphen']).optional(),
  source: z.string(),
});
export type MailProvider = z.infer<typeof MailProvider>;

let byDomain: Map<string, MailProvider> | undefined;

/** The provider of a domain; the table is checked and indexed on first use, not when this module loads. */
function providerOf(domain: string): MailProvider | undefined {
  byDomain ??= new Map(
    z
      .array(MailProvider)
      .parse(PROVIDERS)
      .flatMap((provider) => provider.domains.map((domain) => [domain, provider] as const)),
  );
  return byDomain.get(domain);
}

/**
 * The form of an address that decides whether two signatures are the same person, and which mailbox
 * a mail reaches: trimmed, Unicode NFC, lower-cased, then folded by its provider's rules. Addresses
 * at other domains keep their tags and dots, which may be different mailboxes there.
 *
 * @example canonicalEmail(' Foo.Bar+x@GMail.com ') // 'foobar@gmail.com'
 * @example canonicalEmail('i.ivanov+news@ya.ru') // 'i-ivanov@yandex.ru'
 */
export function canonicalEmail(email: string): string {
  const normalised = email.trim().normalize('NFC').toLowerCase();
  const at = normalised.lastIndexOf('@');
  if (at < 0) return normalised;
  const domain = normalised.slice(at + 1);
  const provider = providerOf(domain);
  if (!provider) return normalised;
  let local = normalised.slice(0, at);
  for (const separator of provider.tagSeparators) local = local.split(separator, 1)[0] ?? '';
  if (provider.dots === 'ignored') local = local.replaceAll('.', '');
  if (provider.dots === 'hyphen') local = local.replaceAll('.', '-');
  return `${local}@${provider.mailboxDomain ?? domain}`;
}

/**
 * The mailbox a mail to a canonical address reaches, as far as capping mail goes: also without a
 * "+tag" at every other domain, since the hosted suites most organisations use (Google Workspace,
 * Microsoft 365) deliver name+tag to name. Addresses that differ only by a tag may then share one
 * mail allowance; none can be made to flood an inbox. The dedup key keeps the tag.
 *
 * @example mailboxOf('maria+1@company.by') // 'maria@company.by'
 */
export function mailboxOf(canonical: string): string {
  const at = canonical.lastIndexOf('@');
  const plus = canonical.indexOf('+');
  return plus >= 0 && plus < at ? `${canonical.slice(0, plus)}${canonical.slice(at)}` : canonical;
}

/** Whether `domain` (lower-case) belongs to one of the large providers of mail-providers.json. */
export function isLargeProvider(domain: string): boolean {
  return providerOf(domain) !== undefined;
}
