import type { Letter } from '../domain/entities.ts';
import type { PageLanguage } from './page-language.ts';
import { ScriptTag } from './head.ts';
import { taggedUrl } from '../domain/signing-source.ts';

/** The networks a letter is passed on through by plain links: they need no script and load nothing. */
export type Network = 'telegram' | 'whatsapp' | 'viber' | 'vk' | 'facebook' | 'x';

/** Where readers in Belarus, Russia and Ukraine pass links on first; elsewhere, WhatsApp, Facebook and X. */
const EAST_SLAVIC_ORDER: readonly Network[] = ['telegram', 'viber', 'vk', 'whatsapp', 'facebook', 'x'];
const DEFAULT_ORDER: readonly Network[] = ['whatsapp', 'facebook', 'x', 'telegram', 'viber', 'vk'];
const EAST_SLAVIC = new Set(['be', 'ru', 'uk']);

const NAMES: Record<Network, string> = {
  telegram: 'Telegram',
  whatsapp: 'WhatsApp',
  viber: 'Viber',
  vk: 'VK',
  facebook: 'Facebook',
  x: 'X',
};

/** The networks in the order the readers of a letter in `lang` (its own language) are likeliest to use. */
export function shareOrder(lang: string): readonly Network[] {
  return EAST_SLAVIC.has(lang.split('-')[0]!.toLowerCase()) ? EAST_SLAVIC_ORDER : DEFAULT_ORDER;
}

/**
 * The address that shares `url` with `text` on a network, each value percent-encoded (a space as
 * %20, as mailto: and viber: need, not +).
 */
export function shareLink(network: Network | 'email', url: string, text: string): string {
  const e = encodeURIComponent;
  switch (network) {
    case 'telegram':
      return `https://t.me/share/url?url=${e(url)}&text=${e(text)}`;
    case 'whatsapp':
      return `https://wa.me/?text=${e(`${text} ${url}`)}`;
    case 'viber':
      return `viber://forward?text=${e(`${text} ${url}`)}`;
    case 'vk':
      return `https://vk.com/share.php?url=${e(url)}&title=${e(text)}`;
    case 'facebook':
      return `https://www.facebook.com/sharer/sharer.php?u=${e(url)}`;
    case 'x':
      return `https://x.com/intent/tweet?url=${e(url)}&text=${e(text)}`;
    case 'email':
      return `mailto:?subject=${e(text)}&body=${e(`${text}\n\n${url}`)}`;
  }
}

/** What the share component needs of a letter; `lang`, its own language, orders the networks. */
export type SharedLetter = Pick<Letter, 'slug' | 'title' | 'lang'>;

/**
 * Ways to pass a letter on: the device's own share sheet and a copy button where the browser has them
 * (public/share.js shows them), links to the networks its readers use, the link to select by hand,
 * and a QR code of it for posters. The text says what the letter is, not that the reader signed it:
 * a signer may not want that said for them.
 */
export function Share(props: { language: PageLanguage; letter: SharedLetter; publicUrl: string }) {
  const { m } = props.language;
  const { slug, title, lang } = props.letter;
  // Each way of passing it on tags its link (?src=), so organizers see where signings came from.
  const url = `${props.publicUrl}/l/${slug}`;
  const text = m.shareText(title);
  const qr = `/l/${slug}/qr.svg`;
  return (
    <section class="share" aria-labelledby="share-title">
      <h2 id="share-title">{m.shareTitle}</h2>
      <p class="hint">{m.shareHint}</p>
      <button type="button" class="share-native" data-share-url={taggedUrl(url, 'share-native')} data-share-title={title} data-share-text={text} hidden>
        {m.shareButton}
      </button>
      <ul class="share-links">
        {[...shareOrder(lang), 'email' as const].map((network) => (
          <li>
            <a href={shareLink(network, taggedUrl(url, `share-${network}`), text)} target="_blank" rel="noopener" data-network={network}>
              {network === 'email' ? m.shareByEmail : NAMES[network]}
            </a>
          </li>
        ))}
      </ul>
      <div class="field share-url">
        <label for="share-url">{m.letterLink}</label>
        <input id="share-url" type="text" value={taggedUrl(url, 'share-link')} readonly />
        <button type="button" class="share-copy" data-copy={taggedUrl(url, 'share-link')} data-copied={m.linkCopied} hidden>
          {m.copyLink}
        </button>
        <span class="share-copied" role="status"></span>
      </div>
      <figure class="share-qr">
        <img src={qr} alt={m.qrAlt} width="160" height="160" />
        <figcaption>
          <a href={`${qr}?download=1`} download={`${slug}-qr.svg`}>
            {m.qrDownload}
          </a>
        </figcaption>
      </figure>
      <ScriptTag src="/share.js" />
    </section>
  );
}
