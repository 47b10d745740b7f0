import type { Child } from 'hono/jsx';
import { LANGUAGES, messagesFor } from '../i18n/index.ts';
import { Head } from './head.ts';
import type { PageLanguage } from './page-language.ts';

export function Layout(props: {
  language: PageLanguage;
  title: string;
  description?: string | undefined;
  lang?: string;
  /** More tags for the head: link previews, a canonical URL. */
  meta?: Record<string, string>[];
  links?: Record<string, string>[];
  /** Script files from public/, loaded deferred (no inline script: the CSP forbids it). */
  scripts?: string[];
  /**
   * The page's own address, for the language links: a page shown in answer to a form has an address
   * that only takes POST, so `?lang=` alone would lead to nothing.
   */
  path?: string;
  /** A page with a column beside its text (the letter and its form) takes the width of a desktop. */
  wide?: boolean;
  children: Child;
}) {
  const { lang, m } = props.language;
  return (
    <html lang={props.lang ?? lang}>
      <Head
        title={props.title}
        stylesheet="/style.css"
        meta={[...(props.description ? [{ name: 'description', content: props.description }] : []), ...(props.meta ?? [])]}
        links={props.links ?? []}
        scripts={props.scripts ?? []}
      />
      <body>
        <header class="site">
          <a href="/" class="brand">
            Undersigned
          </a>
          <InterfaceLanguages language={props.language} path={props.path} />
        </header>
        <main class={props.wide ? 'wide' : undefined}>{props.children}</main>
        <footer class="site">
          <p>{m.footer}</p>
        </footer>
      </body>
    </html>
  );
}

/** A short page with a heading and a message: confirmations, errors, "check your email". */
export function MessagePage(props: { language: PageLanguage; title: string; description?: string; children: Child }) {
  return (
    <Layout language={props.language} title={`${props.title} · Undersigned`} description={props.description}>
      <section class="message">
        <h1>{props.title}</h1>
        {props.children}
      </section>
    </Layout>
  );
}

/** The interface's languages, each a link to this page in it, the one shown named without a link. */
export function InterfaceLanguages(props: { language: PageLanguage; path?: string | undefined }) {
  const { lang, m } = props.language;
  return (
    <nav class="interface-languages" aria-label={m.languages}>
      {LANGUAGES.map((code) =>
        code === lang ? (
          <strong lang={code}>{messagesFor(code).languageName}</strong>
        ) : (
          <a href={`${props.path ?? ''}?lang=${code}`} lang={code} hreflang={code}>
            {messagesFor(code).languageName}
          </a>
        ),
      )}
    </nav>
  );
}
