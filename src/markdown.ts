import MarkdownIt from 'markdown-it';

// With `html: false` markdown-it escapes every tag in the source and refuses javascript:, vbscript:,
// file: and data: links, so its output is sanitised by construction: an organizer's text can format
// a letter but never put markup or script of its own on the page.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true });

const rendered = new Map<string, string>();
const CACHE_SIZE = 100;

/** Renders a letter's Markdown to safe HTML; a letter's text changes rarely, so results are kept. */
export function renderMarkdown(source: string): string {
  let html = rendered.get(source);
  if (html === undefined) {
    html = markdown.render(source);
    if (rendered.size >= CACHE_SIZE) rendered.clear();
    rendered.set(source, html);
  }
  return html;
}

// For a static copy that must load nothing from elsewhere and link only within itself: a link to
// another site becomes its text with the address after it, an image its description and address.
const offline = new MarkdownIt({ html: false, linkify: true, typographer: true });
const escape = (text: string) => offline.utils.escapeHtml(text);
// Rendering is synchronous, so one stack serves every render: each link_open has its link_close.
const hrefs: string[] = [];
offline.renderer.rules.link_open = (tokens, idx) => {
  const href = String(tokens[idx]!.attrGet('href') ?? '');
  hrefs.push(href);
  return href.startsWith('#') ? `<a href="${escape(href)}">` : '';
};
offline.renderer.rules.link_close = () => {
  const href = hrefs.pop() ?? '';
  return href.startsWith('#') ? '</a>' : ` (${escape(href)})`;
};
offline.renderer.rules.image = (tokens, idx) => {
  const token = tokens[idx]!;
  return `[${escape(token.content)}: ${escape(String(token.attrGet('src') ?? ''))}]`;
};

/** Renders Markdown like {@link renderMarkdown}, with links to elsewhere and images written out as text. */
export function renderMarkdownOffline(source: string): string {
  return offline.render(source);
}
