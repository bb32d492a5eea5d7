import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from './modelCard';

describe('escapeMarkdown', () => {
  it('makes HTML and markdown syntax inert text', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert\\(1\\)&gt;');
    expect(escapeMarkdown('[click](javascript:alert(1))')).toBe('\\[click\\]\\(javascript:alert\\(1\\)\\)');
    expect(escapeMarkdown('a | b\n# title')).toBe('a \\| b \\# title');
    expect(escapeMarkdown(`"quoted" & 'single'`)).toBe('&quot;quoted&quot; &amp; &#39;single&#39;');
    expect(escapeMarkdown('*bold* _it_ `code`')).toBe('\\*bold\\* \\_it\\_ \\`code\\`');
  });
});
