import { html, raw } from 'hono/html';

/**
 * A page's <head>, from hono/html's escaping template instead of JSX: hono/jsx makes <head>,
 * <title>, <meta> and <link> into components that render through an AsyncLocalStorage (to hoist
 * them into the head), and on Node 20 one such render turns on async hooks for every promise of the
 * process (see renderPage in render-page.tsx).
 */
export function Head(props: {
  title: string;
  stylesheet: string;
  /** Each tag's attributes: a description, link previews, robots. */
  meta?: Record<string, string>[];
  /** Besides the stylesheet: a canonical URL. */
  links?: Record<string, string>[];
  /** Script files, loaded deferred (no inline script: the CSP forbids it). */
  scripts?: string[];
  /** The site's icon and web app manifest; left out where no tab or home screen shows them (a widget, a mirror). */
  icons?: boolean;
}) {
  return html`<head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/>${
    props.icons === false ? '' : SITE_ICONS
  }${(
    props.meta ?? []
  ).map((attributes) => html`<meta${attributesOf(attributes)}/>`)}<title>${props.title}</title><link rel="stylesheet" href="${
    props.stylesheet
  }"/>${(props.links ?? []).map((attributes) => html`<link${attributesOf(attributes)}/>`)}${(props.scripts ?? []).map(
    (src) => ScriptTag({ src }),
  )}</head>`;
}

/**
 * A deferred script file from public/, for the head or anywhere in a page's body: written as text,
 * since hono/jsx's own <script> renders through an AsyncLocalStorage as <head> does (see above).
 */
export function ScriptTag(props: { src: string }) {
  return html`<script src="${props.src}" defer></script>`;
}

/** public/favicon.svg and public/manifest.webmanifest; the colour is the manifest's theme_color. */
const SITE_ICONS = raw(
  '<link rel="icon" href="/favicon.svg" type="image/svg+xml"/><link rel="manifest" href="/manifest.webmanifest"/>' +
    '<meta name="theme-color" content="#0b5cad"/>',
);

// Names are the views' own constants; values are escaped.
const attributesOf = (attributes: Record<string, string>) =>
  Object.entries(attributes).map(([name, value]) => html` ${raw(name)}="${value}"`);
