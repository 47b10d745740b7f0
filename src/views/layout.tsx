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
