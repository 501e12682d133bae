import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown } from '../../../harness/common/escape.js';

const XSS = '<img src=x onerror=alert(1)>';

describe('escapeHtml', () => {
  it('turns markup into text', () => {
    expect(escapeHtml(XSS)).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeHtml(`a&b "q" 'r' \`s\``)).toBe('a&amp;b &quot;q&quot; &#39;r&#39; &#96;s&#96;');
  });

  it('accepts non-strings', () => {
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(42)).toBe('42');
  });
});

describe('escapeMarkdown', () => {
  it('keeps HTML out of GitHub Markdown', () => {
    const out = escapeMarkdown(XSS);
    expect(out).not.toContain('<');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('escapes link, image, emphasis, code and table syntax', () => {
    expect(escapeMarkdown('![a](http://x) *b* _c_ `d` e|f ~g~ \\')).toBe(
      '!\\[a\\](http://x) \\*b\\* \\_c\\_ \\`d\\` e\\|f \\~g\\~ \\\\',
    );
  });

  it('keeps a message on one table row', () => {
    expect(escapeMarkdown('line 1\nline 2\r\nline 3')).toBe('line 1 line 2 line 3');
  });

  it('escapes & so entities are shown literally', () => {
    expect(escapeMarkdown('&lt;')).toBe('&amp;lt;');
  });
});
