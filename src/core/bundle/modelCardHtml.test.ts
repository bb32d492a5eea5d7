import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from './modelCard';
import { modelCardHtml } from './modelCardHtml';

describe('modelCardHtml', () => {
  it('renders headings, lists, tables and paragraphs of the card', () => {
    const html = modelCardHtml('# Card\n\nSome text\nmore text.\n\n- one\n- two\n\n| metric | value |\n| --- | --- |\n| accuracy | 0.9 |\n');
    expect(html).toContain('<h1>Card</h1>');
    expect(html).toContain('<p>Some text more text.</p>');
    expect(html).toContain('<ul><li>one</li><li>two</li></ul>');
    expect(html).toContain('<thead><tr><th>metric</th><th>value</th></tr></thead><tbody><tr><td>accuracy</td><td>0.9</td></tr></tbody>');
  });

  it('shows escaped names as the text they were, and typed markup as text', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const html = modelCardHtml(`# Predicting ${escapeMarkdown(evil)}\n\nEdited: <script>alert(2)</script> & more | not a table\n\n| a \\| b | c |\n| --- | --- |\n| x | y |\n`);
    expect(html).not.toMatch(/<img|<script>/);
    expect(html).toContain('Predicting &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt; &amp; more');
    expect(html).toContain('<th>a | b</th>');
    // The page itself may run nothing.
    expect(html).toContain("default-src 'none'");
  });
});
