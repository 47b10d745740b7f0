import type { Child } from 'hono/jsx';

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
  return (
    <html lang={props.lang ?? 'en'}>
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
        </header>
        <main>{props.children}</main>
        <footer class="site">
          <p>Undersigned keeps as little about signers as it can. No trackers, no third-party requests.</p>
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
