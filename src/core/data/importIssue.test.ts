import { describe, expect, it } from 'vitest';
import { snippetOf } from './importIssue';

describe('snippetOf', () => {
  it('escapes control characters and stays within the limit, escapes included', () => {
    expect(snippetOf('a\tb\r\nc\u0000')).toBe('a\\tb\\r\\nc\\x00');
    const s = snippetOf('\u0001'.repeat(500));
    expect(s.length).toBe(120);
    expect(s.endsWith('…')).toBe(true);
    expect(snippetOf('x'.repeat(121))).toBe('x'.repeat(119) + '…');
    expect(snippetOf('x'.repeat(120))).toBe('x'.repeat(120));
  });
});
