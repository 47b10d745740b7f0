import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { displayCount } from '../domain/count-display.ts';
import { proveCount, signedLetterText, wellKnownDocument, type CountSigningKey } from '../domain/count-proof.ts';
import { domainAggregates, publicPage } from '../domain/signatories.ts';
import type { Letter } from '../domain/entities.ts';
import type { Store } from '../domain/store.ts';
import { isLanguage } from '../i18n/index.ts';
import { renderMarkdownOffline } from '../markdown.ts';
import { Head } from '../views/head.ts';
import { letterAt } from '../domain/letters.ts';
import { LetterMeta } from '../views/letter-meta.tsx';
import { pageLanguage, type PageLanguage } from '../views/page-language.ts';
import { renderPage } from '../views/render-page.tsx';
import { DomainCounts, Others, SignatureList, Waiting } from '../views/letter.tsx';

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
  const ui = isLanguage(letter.lang) ? letter.lang : 'en';
  const language = pageLanguage(ui);
  const proof = await proveCount(letter, deps.key);
  const translations = await deps.store.translations(letter.id);
  const texts = [letter, ...translations].map((t) => ({
    ...t,
    organisedBy: t.organisedBy ?? letter.organisedBy,
    addressee: t.addressee ?? letter.addressee,
  }));
  const fileOf = (lang: string) => (lang === letter.lang ? 'index.html' : `${lang}.html`);
  const original = `${deps.publicUrl}/l/${letter.slug}`;

  for (const text of texts) {
    const languages = texts.map((t) => ({ lang: t.lang, href: fileOf(t.lang), current: t.lang === text.lang }));
    yield {
      path: fileOf(text.lang),
      content: renderPage(
        <MirrorLetter language={language} letter={letter} text={text} languages={languages} original={original} />,
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
  yield { path: 'verify.html', content: renderPage(<MirrorVerify language={language} letter={letter} proof={proof} original={original} />) };
  yield { path: 'style.css', content: deps.stylesheet };
  // GitHub Pages leaves out folders whose names start with a dot (.well-known) unless told not to.
  yield { path: '.nojekyll', content: '' };
}

const listFile = (n: number) => (n === 1 ? 'signatories.html' : `signatories-${n}.html`);

function MirrorLayout(props: { language: PageLanguage; title: string; lang?: string; children: Child }) {
  const { lang } = props.language;
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
            <a href="signatories.html">Signatories</a> · <a href="verify.html">How to check this copy</a>
          </p>
        </footer>
      </body>
    </html>
  );
}

function MirrorLetter(props: {
  language: PageLanguage;
  letter: Letter;
  text: { lang: string; title: string; body: string; organisedBy: string | null; addressee: string | null };
  languages: { lang: string; href: string; current: boolean }[];
  original: string;
}) {
  const { m, signatures } = props.language;
  const { letter, text } = props;
  return (
    <MirrorLayout language={props.language} title={text.title} lang={text.lang}>
      <p class="notice">
        A copy of the open letter published at {props.original}, as it stood on {letter.countUpdatedAt.toISOString().slice(0, 10)}.
        The count below is signed by the site: <a href="verify.html">check it</a>.
      </p>
      {props.languages.length > 1 && (
        <nav class="languages" aria-label={m.languages}>
          {props.languages.map((l) =>
            l.current ? (
              <strong lang={l.lang}>{l.lang}</strong>
            ) : (
              <a href={l.href} lang={l.lang} hreflang={l.lang}>
                {l.lang}
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

function MirrorVerify(props: { language: PageLanguage; letter: Letter; proof: Awaited<ReturnType<typeof proveCount>>; original: string }) {
  const { proof } = props;
  return (
    <MirrorLayout language={props.language} title={`How to check this copy · ${props.letter.title}`} lang="en">
      <h1>How to check this copy</h1>
      <p>
        This folder is a copy of the open letter published at {props.original}. Anyone can serve it from any static
        host. The site signed its count, so a copy (or a screenshot) cannot claim a count the site never had.
      </p>
      <h2>What is signed</h2>
      <p>
        <a href="count.json">count.json</a> says that the letter <code>{proof.slug}</code> had <strong>{proof.count}</strong>{' '}
        verified signatures at {proof.updatedAt}, for the text whose SHA-256 is <code>{proof.textSha256}</code>. It is
        signed with the Ed25519 key <code>{proof.keyId}</code>, published by the site at{' '}
        <code>{`${props.original.replace(/\/l\/[^/]*$/, '')}/.well-known/undersigned.json`}</code> and copied here as{' '}
        <a href=".well-known/undersigned.json">.well-known/undersigned.json</a>.
      </p>
      <h2>Check it</h2>
      <ol>
        <li>
          The text: <code>sha256sum letter.md</code> must print <code>{proof.textSha256}</code> (
          <a href="letter.md">letter.md</a> is the letter's title and text exactly as signed).
        </li>
        <li>
          The count, with this project's command line, in this folder:{' '}
          <code>{`npx undersigned verify-count count.json --key-id ${proof.keyId}`}</code>. The key copied here came with
          the count, so it proves nothing by itself: check that <code>{proof.keyId}</code> is the key id the site publishes
          (on its pages, or where its organizers announce it), or give the site's own key with <code>--key</code>.
        </li>
        <li>
          By hand, with any Ed25519 tool: the signed message is these five lines joined by a newline (no newline at the
          end): <code>undersigned-count-v1</code>, the slug, the count, the time and the text's SHA-256, exactly as they
          appear in count.json.
        </li>
      </ol>
    </MirrorLayout>
  );
}
