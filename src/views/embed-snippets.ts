import { flattenLines } from '../domain/one-line-text.ts';
import { messagesFor } from '../i18n/index.ts';
import { taggedUrl } from '../domain/signing-source.ts';

/**
 * The code the letter page offers for pasting into other sites. It runs there, outside our escaping
 * and our CSP, so everything from a letter goes through one escaper per output kind below: a title
 * can only ever be text in the pasted page.
 */
export interface EmbedSnippet {
  /** Which snippet it is, for its translated label. */
  kind: 'badgeHtml' | 'badgeMarkdown' | 'widget';
  code: string;
}

/**
 * The snippets for one letter: the badge as HTML and as Markdown, and the widget's iframe. The badge
 * and the widget speak each visitor's language (Accept-Language); the image's description is written
 * once, in `lang`, the language of the page the snippet is copied from.
 */
export function embedSnippets(publicUrl: string, slug: string, title: string, lang: string): EmbedSnippet[] {
  const page = taggedUrl(snippetUrl(publicUrl, 'l', slug), 'embed-badge');
  const badge = snippetUrl(publicUrl, 'badge', `${slug}.svg`);
  const widget = snippetUrl(publicUrl, 'embed', slug);
  const alt = messagesFor(lang).badgeAlt(title);
  return [
    {
      kind: 'badgeHtml',
      code: `<a href="${htmlAttribute(page)}"><img src="${htmlAttribute(badge)}" alt="${htmlAttribute(alt)}"></a>`,
    },
    { kind: 'badgeMarkdown', code: `[![${markdownText(alt)}](${markdownUrl(badge)})](${markdownUrl(page)})` },
    {
      kind: 'widget',
      code: `<iframe src="${htmlAttribute(widget)}" title="${htmlAttribute(title)}" width="320" height="200" style="border:0"></iframe>`,
    },
  ];
}

// Each escaper below flattens its text (flattenLines) first: a snippet is one line, since a line
// break in a title would end a Markdown paragraph (and with it the image syntax) or split an
// attribute across lines of the pasting site's template.
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as the value of a quoted HTML attribute, whichever quote the pasting site's template uses. */
function htmlAttribute(text: string): string {
  return flattenLines(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

/**
 * Text as literal Markdown inline text (link text, image description): CommonMark lets a backslash
 * escape any ASCII punctuation, so no bracket, parenthesis, backslash, tag, entity or emphasis mark of
 * the text is read as syntax, by any renderer that follows the spec.
 */
function markdownText(text: string): string {
  return flattenLines(text).replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** An absolute URL as a Markdown link destination: nothing in it can close the parenthesis or the line. */
function markdownUrl(url: string): string {
  return url.replace(/[()<>\\\s'"]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** The site's address of a path, each segment percent-encoded. */
function snippetUrl(publicUrl: string, ...segments: string[]): string {
  return `${publicUrl}/${segments.map(encodeURIComponent).join('/')}`;
}
