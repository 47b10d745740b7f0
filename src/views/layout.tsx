import type { Child } from 'hono/jsx';
import { LANGUAGES, messagesFor } from '../i18n/index.ts';
import { useLanguage } from './language-context.ts';

export function Layout(props: {
  title: string;
  description?: string | undefined;
  lang?: string;
  /** More tags for <head>: link previews, a canonical URL. */
  head?: Child;
  /** Script files from public/, loaded deferred (no inline script: the CSP forbids it). */
  scripts?: string[];
  children: Child;
}) {
  const { lang, m } = useLanguage();
  return (
    <html lang={props.lang ?? lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        {props.description && <meta name="description" content={props.description} />}
        <link rel="stylesheet" href="/style.css" />
        {props.head}
        {props.scripts?.map((src) => <script src={src} defer />)}
      </head>
      <body>
        <header class="site">
          <a href="/" class="brand">
            Undersigned
          </a>
          <nav class="interface-languages" aria-label={m.languages}>
            {LANGUAGES.map((code) =>
              code === lang ? (
                <strong lang={code}>{messagesFor(code).languageName}</strong>
              ) : (
                <a href={`?lang=${code}`} lang={code} hreflang={code}>
                  {messagesFor(code).languageName}
                </a>
              ),
            )}
          </nav>
        </header>
        <main>{props.children}</main>
        <footer class="site">
          <p>{m.footer}</p>
        </footer>
      </body>
    </html>
  );
}

/** A short page with a heading and a message: confirmations, errors, "check your email". */
export function MessagePage(props: { title: string; children: Child }) {
  return (
    <Layout title={`${props.title} · Undersigned`}>
      <section class="message">
        <h1>{props.title}</h1>
        {props.children}
      </section>
    </Layout>
  );
}
