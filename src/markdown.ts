import MarkdownIt, { type Token } from 'markdown-it';

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

/** A block of a letter's text as plain text, for a layout that is not HTML (the PDF edition). */
export interface TextBlock {
  kind: 'heading' | 'paragraph' | 'item' | 'quote' | 'code';
  /** A heading's level; a list item's depth. */
  level: number;
  /** A list item's mark: "•" or "3.". */
  mark?: string;
  text: string;
}

/**
 * A letter's Markdown as blocks of plain text, parsed as {@link renderMarkdownOffline} renders it:
 * links to elsewhere written out with their address, images as their description and address.
 */
export function markdownBlocks(source: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  const lists: { ordered: boolean; next: number }[] = [];
  let quote = 0;
  let mark: string | undefined;
  let heading = 0;
  for (const token of offline.parse(source, {})) {
    switch (token.type) {
      case 'heading_open':
        heading = Number(token.tag.slice(1));
        break;
      case 'heading_close':
        heading = 0;
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        lists.push({ ordered: token.type === 'ordered_list_open', next: Number(token.attrGet('start') ?? 1) });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open': {
        const list = lists.at(-1)!;
        mark = list.ordered ? `${list.next++}.` : '•';
        break;
      }
      case 'blockquote_open':
        quote++;
        break;
      case 'blockquote_close':
        quote--;
        break;
      case 'fence':
      case 'code_block':
        blocks.push({ kind: 'code', level: 0, text: token.content.replace(/\n$/, '') });
        break;
      case 'inline': {
        const text = inlineText(token.children ?? []);
        if (heading) blocks.push({ kind: 'heading', level: heading, text });
        else if (lists.length > 0) {
          blocks.push({ kind: 'item', level: lists.length, ...(mark && { mark }), text });
          mark = undefined;
        } else blocks.push({ kind: quote > 0 ? 'quote' : 'paragraph', level: quote, text });
        break;
      }
    }
  }
  return blocks;
}

/** An inline run's text, with links to elsewhere written out as renderMarkdownOffline writes them. */
function inlineText(tokens: Token[]): string {
  const links: string[] = [];
  let text = '';
  for (const token of tokens) {
    if (token.type === 'text' || token.type === 'code_inline') text += token.content;
    else if (token.type === 'softbreak') text += ' ';
    else if (token.type === 'hardbreak') text += '\n';
    else if (token.type === 'link_open') links.push(String(token.attrGet('href') ?? ''));
    else if (token.type === 'link_close') {
      const href = links.pop() ?? '';
      if (!href.startsWith('#')) text += ` (${href})`;
    } else if (token.type === 'image') text += `[${token.content}: ${String(token.attrGet('src') ?? '')}]`;
  }
  return text;
}
