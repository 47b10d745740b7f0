/** A web or mail address written in running text, as a mail client would turn it into a link. */
const LINK_LIKE = /\b[a-z][a-z0-9+.-]*:\/\/\S+|\bwww\.\S+|[\p{L}\p{N}._%+-]*[\p{L}\p{N}-]\.\p{L}{2,}\S*/giu;

/**
 * Text a stranger typed, made safe to quote in a mail from the site: addresses in it are written so
 * that no mail client makes a link of them ("hxxps://evil[.]example"), the way security reports
 * quote them, and it is one line.
 *
 * @example defang('Visit https://evil.example/x') // 'Visit hxxps[://]evil[.]example/x'
 */
export function defang(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(LINK_LIKE, (link) => link.replace(/^http/i, 'hxxp').replace('://', '[://]').replaceAll('.', '[.]').replaceAll('@', '[@]'));
}
