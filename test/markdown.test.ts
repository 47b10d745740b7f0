import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../src/markdown.ts';

describe('renderMarkdown', () => {
  it('formats a letter', () => {
    const html = renderMarkdown('# Title\n\nWe **ask**:\n\n1. one\n2. two\n\n[More](https://example.org)');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<strong>ask</strong>');
    expect(html).toContain('<ol>');
    expect(html).toContain('<a href="https://example.org">More</a>');
  });

  it('lets no markup or script of the source through', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1))\n\n[data](data:text/html,<b>x</b>)',
    );
    // Tags come out as text; links to script or data are not made into links at all.
    expect(html).not.toMatch(/<(script|img|b)\b/i);
    expect(html).not.toMatch(/href="(javascript|data):/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
