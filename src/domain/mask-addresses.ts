// The local part stops at what commonly comes before an address in a server's reply or a log field
// (`to=`, `RCPT TO:`, a list), so that those stay readable around the mask.
const ADDRESS = /[^\s<>"'=:,;]+@[^\s<>"',;]+/g;

/**
 * `text` with anything shaped like an email address replaced by "[address]": for what is kept or
 * written where addresses must not be (logs, a mail's stored failure reason).
 */
export function maskAddresses(text: string): string {
  return text.includes('@') ? text.replace(ADDRESS, '[address]') : text;
}
