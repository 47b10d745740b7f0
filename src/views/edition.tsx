import { raw } from 'hono/html';
import { renderSVG } from 'uqr';
import { exactCount } from '../domain/count-display.ts';
import { editionQrText, type Edition } from '../domain/edition.ts';
import { letterAt } from '../domain/letters.ts';
import { isLanguage, plural } from '../i18n/index.ts';
import { renderMarkdownOffline } from '../markdown.ts';
import { Head } from './head.ts';
import { LetterMeta, formatMoment } from './letter-meta.tsx';
import { Others, SignatureList } from './letter.tsx';
import { pageLanguage, type PageLanguage } from './page-language.ts';

/** Makes the PDF of an edition, where the runtime can (Node: src/edition-pdf.node.ts). */
export type EditionPdfMaker = (edition: Edition) => Promise<Uint8Array<ArrayBuffer>>;

/** The interface language of an edition: the letter's, where the site speaks it. */
export function editionLanguage(edition: Edition): PageLanguage {
  return pageLanguage(isLanguage(edition.text.lang) ? edition.text.lang : 'en');
}

/** "2,512 signatures as of 7 December 2026 at 18:00 UTC": exact on paper, where nothing updates it. */
export function editionCount(edition: Edition, language: PageLanguage): string {
  const { lang, m } = language;
  const { count, updatedAt } = edition.proof;
  return `${exactCount(count, lang)} ${plural(lang, count, m.signatures)} ${m.edition.asOf(formatMoment(new Date(updatedAt), lang))}`;
}

/** Where the edition points its reader: the letter's page and the site's key. */
export function editionLinks(edition: Edition, publicUrl: string) {
  return { letter: `${publicUrl}/l/${edition.letter.slug}`, key: `${publicUrl}/.well-known/undersigned.json` };
}

/**
 * The print page of an edition: no site header, footer or forms; edition.css lays it out on A4
 * with the names in columns. Links in the text are written out, as paper cannot follow them.
 */
export function EditionPage(props: { edition: Edition; publicUrl: string; now: Date }) {
  const { edition } = props;
  const { text } = edition;
  const language = editionLanguage(edition);
  const { m } = language;
  const links = editionLinks(edition, props.publicUrl);
  return (
    <html lang={text.lang}>
      <Head
        title={text.title}
        stylesheet="/style.css"
        links={[{ rel: 'stylesheet', href: '/edition.css' }]}
        meta={[{ name: 'robots', content: 'noindex' }]}
        icons={false}
      />
      <body class="edition">
        <main>
          <article class="letter">
            <h1>{text.title}</h1>
            <LetterMeta language={language} letter={letterAt(edition.letter, props.now)} text={text} now={props.now} countdown={false} />
            <div class="letter-body">{raw(renderMarkdownOffline(text.body))}</div>
          </article>
          <section class="edition-count" aria-labelledby="edition-count">
            <h2 id="edition-count">{editionCount(edition, language)}</h2>
            <div class="edition-proof">
              <div class="qr" role="img" aria-label={m.edition.checkTitle}>
                {raw(renderSVG(editionQrText(edition.proof), { ecc: 'M', border: 4 }))}
              </div>
              <div>
                <h3>{m.edition.checkTitle}</h3>
                <p>{m.edition.checkText(links.key)}</p>
                <p>
                  {m.edition.online} {links.letter}
                </p>
              </div>
            </div>
          </section>
          <section class="edition-signatories" aria-labelledby="edition-signatories">
            <h2 id="edition-signatories">{m.signatories}</h2>
            {edition.signatures.length === 0 ? <p>{m.noOneListed}</p> : <SignatureList language={language} signatures={edition.signatures} />}
            {edition.unlisted > 0 && <Others language={language} count={edition.unlisted} />}
          </section>
        </main>
      </body>
    </html>
  );
}
