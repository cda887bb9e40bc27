import { markdownText, renderMarkdown } from './render-markdown';

describe('article Markdown, rendered safely', () => {
  it('renders the usual Markdown', () => {
    expect(renderMarkdown('# Title\n\nSome **bold** and `code`.\n\n- one\n- two')).toBe('<h1>Title</h1>\n<p>Some <strong>bold</strong> and <code>code</code>.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n');
  });

  it('shows raw HTML as text and drops scripts, handlers and javascript: links', () => {
    const html = renderMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) [y](https://example.pk "t")');
    expect(html).not.toMatch(/<script|<img|href="javascript/i);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<a href="https://example.pk" title="t" rel="noopener noreferrer nofollow" target="_blank">y</a>');
  });

  it('keeps images over https only', () => {
    expect(renderMarkdown('![a](https://example.pk/a.png) ![b](http://example.pk/b.png)')).toBe('<p><img src="https://example.pk/a.png" alt="a" /> <img alt="b" /></p>\n');
  });

  it('gives the plain text for the index', () => {
    expect(markdownText('# Reset\n\nOpen **Settings** & <b>go</b>.')).toBe('Reset Open Settings & <b>go</b>.');
  });
});
