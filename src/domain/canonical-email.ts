const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/**
 * The form of an address that decides whether two signatures are the same person: trimmed, Unicode
 * NFC, lower-cased. Gmail ignores dots and `+tags` in the local part and treats googlemail.com as
 * gmail.com, so those are folded too; other providers' tags may be real mailboxes and are kept.
 *
 * @example canonicalEmail(' Foo.Bar+x@GMail.com ') // 'foobar@gmail.com'
 */
export function canonicalEmail(email: string): string {
  const normalised = email.trim().normalize('NFC').toLowerCase();
  const at = normalised.lastIndexOf('@');
  if (at < 0) return normalised;
  const local = normalised.slice(0, at);
  const domain = normalised.slice(at + 1);
  if (!GMAIL_DOMAINS.has(domain)) return normalised;
  const withoutTag = local.split('+', 1)[0] ?? '';
  return `${withoutTag.replaceAll('.', '')}@gmail.com`;
}
