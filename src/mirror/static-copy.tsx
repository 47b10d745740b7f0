import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { displayCount } from '../domain/count-display.ts';
import { COUNT_MESSAGE_VERSION, proveCount, signedLetterText, wellKnownDocument, type CountSigningKey } from '../domain/count-proof.ts';
import { domainAggregates, publicPage } from '../domain/signatories.ts';
import type { Letter } from '../domain/entities.ts';
import type { Store } from '../domain/store.ts';
import { isLanguage } from '../i18n/index.ts';
import { renderMarkdownOffline } from '../markdown.ts';
import { Head } from '../views/head.ts';
import { letterAt } from '../domain/letters.ts';
import { languageName } from '../views/language-name.ts';
import { LetterMeta } from '../views/letter-meta.tsx';
import { pageLanguage, type PageLanguage } from '../views/page-language.ts';
import { renderPage } from '../views/render-page.tsx';
import { DomainCounts, Others, SignatureList, Waiting } from '../views/letter.tsx';
import { fillTemplate } from '../views/fill-template.ts';

/** Names per page of the copied list. */
export const MIRROR_PAGE_SIZE = 1000;

export interface MirrorFile {
  /** Relative to the bundle's folder, with / between folders. */
  path: string;
  content: string;
}

export interface MirrorDeps {
  store: Store;
  key: CountSigningKey;
  publicUrl: string;
  /** public/style.css, copied so the pages look like the site's without loading it. */
  stylesheet: string;
  minDomainSigners: number;
}

/**
 * A static copy of a letter for when the site is blocked: the letter in every language, the public
 * list as it stands (threshold rules and all, from the same store queries as the site), the signed
 * count, the public key that checks it, and a page saying how. Every link is relative and stays in
 * the copy, so any static host (or a USB stick) serves it. Files come one at a time, so a list of
 * any length is written in constant memory.
 */
export async function* staticCopyFiles(deps: MirrorDeps, letter: Letter, pageSize = MIRROR_PAGE_SIZE): AsyncGenerator<MirrorFile> {
  // Each copy of the letter, and the page on checking it that it links to, speaks the copy's
  // language; the list speaks the letter's own (names are no language's, and it can be long).
  const languageOf = (lang: string) => pageLanguage(isLanguage(lang) ? lang : 'en');
  const language = languageOf(letter.lang);
  const verifyFile = (ui: PageLanguage) => (ui.lang === language.lang ? 'verify.html' : `verify-${ui.lang}.html`);
  const proof = await proveCount(letter, deps.key);
  const translations = await deps.store.translations(letter.id);
  const texts = [letter, ...translations].map((t) => ({
    ...t,
    organisedBy: t.organisedBy ?? letter.organisedBy,
    addressee: t.addressee ?? letter.addressee,
  }));
  const fileOf = (lang: string) => (lang === letter.lang ? 'index.html' : `${lang}.html`);
  const original = `${deps.publicUrl}/l/${letter.slug}`;

  /** The pages on checking the copy: one per language of its copies of the letter, titled as they are. */
  const verifyPages = new Map<string, { ui: PageLanguage; title: string }>([[language.lang, { ui: language, title: letter.title }]]);
  for (const text of texts) {
    const languages = texts.map((t) => ({ lang: t.lang, href: fileOf(t.lang), current: t.lang === text.lang }));
    const ui = languageOf(text.lang);
    if (!verifyPages.has(ui.lang)) verifyPages.set(ui.lang, { ui, title: text.title });
    yield {
      path: fileOf(text.lang),
      content: renderPage(
        <MirrorLetter language={ui} verify={verifyFile(ui)} letter={letter} text={text} languages={languages} original={original} />,
      ),
    };
  }

  let cursor: string | undefined;
  for (let n = 1; ; n++) {
    const page = await publicPage(deps.store, letter, { cursor, limit: pageSize });
    const last = !page.next;
    const domains = last ? await domainAggregates(deps.store, letter, deps.minDomainSigners) : [];
    yield {
      path: listFile(n),
      content: renderPage(<MirrorList language={language} letter={letter} page={page} n={n} last={last} domains={domains} />),
    };
    if (last) break;
    cursor = page.next!;
  }

  yield { path: 'count.json', content: `${JSON.stringify({ ...proof, display: displayCount(proof.count) }, null, 2)}\n` };
  yield { path: '.well-known/undersigned.json', content: `${JSON.stringify(wellKnownDocument(deps.publicUrl, [deps.key]), null, 2)}\n` };
  yield { path: 'letter.md', content: signedLetterText(letter) };
  for (const { ui, title } of verifyPages.values()) {
    yield { path: verifyFile(ui), content: renderPage(<MirrorVerify language={ui} verify={verifyFile(ui)} title={title} proof={proof} original={original} />) };
  }
  yield { path: 'style.css', content: deps.stylesheet };
  // GitHub Pages leaves out folders whose names start with a dot (.well-known) unless told not to.
  yield { path: '.nojekyll', content: '' };
}

const listFile = (n: number) => (n === 1 ? 'signatories.html' : `signatories-${n}.html`);

/** `verify`: the page on checking the copy in this page's language. */
function MirrorLayout(props: { language: PageLanguage; verify?: string | undefined; title: string; lang?: string; children: Child }) {
  const { lang, m } = props.language;
  return (
    <html lang={props.lang ?? lang}>
      <Head title={props.title} stylesheet="style.css" icons={false} />
      <body>
        <header class="site">
          <a href="index.html" class="brand">
            Undersigned
          </a>
        </header>
        <main>{props.children}</main>
        <footer class="site">
          <p>
            <a href="signatories.html">{m.signatories}</a> · <a href={props.verify ?? 'verify.html'}>{m.mirror.howToCheck}</a>
          </p>
        </footer>
      </body>
    </html>
  );
}

function MirrorLetter(props: {
  language: PageLanguage;
  verify: string;
  letter: Letter;
  text: { lang: string; title: string; body: string; organisedBy: string | null; addressee: string | null };
  languages: { lang: string; href: string; current: boolean }[];
  original: string;
}) {
  const { m, signatures } = props.language;
  const { letter, text } = props;
  return (
    <MirrorLayout language={props.language} verify={props.verify} title={text.title} lang={text.lang}>
      <p class="notice">
        {m.mirror.copyOf(props.original, letter.countUpdatedAt.toISOString().slice(0, 10))} {m.mirror.countSigned}{' '}
        <a href={props.verify}>{m.mirror.checkIt}</a>.
      </p>
      {props.languages.length > 1 && (
        <nav class="languages" aria-labelledby="letter-languages" lang={props.language.lang}>
          <span id="letter-languages">{m.letterIn}:</span>
          {props.languages.map((l) =>
            l.current ? (
              <strong lang={l.lang} aria-current="true">
                {languageName(l.lang)}
              </strong>
            ) : (
              <a href={l.href} lang={l.lang} hreflang={l.lang}>
                {languageName(l.lang)}
              </a>
            ),
          )}
        </nav>
      )}
      <article class="letter" lang={text.lang}>
        <h1>{text.title}</h1>
        {/* As it stood when copied: no countdown, which would only go stale. */}
        <LetterMeta language={props.language} letter={letterAt(letter, letter.countUpdatedAt)} text={text} now={letter.countUpdatedAt} countdown={false} />
        <p class="count">{letter.signatureCount === 0 ? m.noSignaturesYet : signatures(letter.signatureCount)}</p>
        <div class="letter-body">{raw(renderMarkdownOffline(text.body))}</div>
      </article>
      <p>
        <a href="signatories.html">{m.seeAll}</a>
      </p>
    </MirrorLayout>
  );
}

function MirrorList(props: {
  language: PageLanguage;
  letter: Letter;
  page: Awaited<ReturnType<typeof publicPage>>;
  n: number;
  last: boolean;
  domains: Awaited<ReturnType<typeof domainAggregates>>;
}) {
  const { m } = props.language;
  const { page, n } = props;
  return (
    <MirrorLayout language={props.language} title={`${m.signatories} · ${props.letter.title}`}>
      <p>
        <a href="index.html">{props.letter.title}</a>
      </p>
      <h1>{m.signatories}</h1>
      {page.signatures.length === 0 ? <p>{m.noOneListed}</p> : <SignatureList language={props.language} signatures={page.signatures} />}
      {props.last && page.unlisted > 0 && <Others language={props.language} count={page.unlisted} />}
      {props.last && page.waiting > 0 && <Waiting language={props.language} count={page.waiting} />}
      {props.last && <DomainCounts language={props.language} domains={props.domains} />}
      <p>
        {n > 1 && (
          <a href={listFile(n - 1)} rel="prev">
            ←
          </a>
        )}{' '}
        {!props.last && (
          <a href={listFile(n + 1)} rel="next">
            {m.moreSignatories}
          </a>
        )}
      </p>
    </MirrorLayout>
  );
}

function MirrorVerify(props: { language: PageLanguage; verify: string; title: string; proof: Awaited<ReturnType<typeof proveCount>>; original: string }) {
  const { proof } = props;
  const { m } = props.language;
  const countFile = <a href="count.json">count.json</a>;
  const sha = <code>{proof.textSha256}</code>;
  const keyId = <code>{proof.keyId}</code>;
  return (
    <MirrorLayout language={props.language} verify={props.verify} title={`${m.mirror.howToCheck} · ${props.title}`}>
      <h1>{m.mirror.howToCheck}</h1>
      <p>{fillTemplate(m.mirror.about, { original: props.original })}</p>
      <h2>{m.mirror.whatIsSigned}</h2>
      <p>
        {fillTemplate(m.mirror.signed, {
          countFile,
          time: proof.updatedAt,
          slug: <code>{proof.slug}</code>,
          count: <strong>{proof.count}</strong>,
          sha,
          keyId,
          keyUrl: <code>{`${props.original.replace(/\/l\/[^/]*$/, '')}/.well-known/undersigned.json`}</code>,
          keyFile: <a href=".well-known/undersigned.json">.well-known/undersigned.json</a>,
        })}
      </p>
      <h2>{m.mirror.checkTitle}</h2>
      <ol>
        <li>{fillTemplate(m.mirror.checkText, { command: <code>sha256sum letter.md</code>, sha, letterFile: <a href="letter.md">letter.md</a> })}</li>
        <li>
          {fillTemplate(m.mirror.checkCount, {
            command: <code>{`npx undersigned verify-count count.json --key-id ${proof.keyId}`}</code>,
            keyId,
            keyOption: <code>--key</code>,
          })}
        </li>
        <li>{fillTemplate(m.mirror.checkByHand, { version: <code>{COUNT_MESSAGE_VERSION}</code>, countFile: 'count.json' })}</li>
      </ol>
    </MirrorLayout>
  );
}
