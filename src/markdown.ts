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
