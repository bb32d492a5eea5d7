import { describe, expect, it } from 'vitest';
import { csvField, numberField, toCsv } from './csvOutput';

describe('CLI CSV output', () => {
  it('escapes formula-like text in the header and the cells, and leaves numbers alone', () => {
    const csv = toCsv(['=name', 'value'], [['=HYPERLINK("http://x","y")', '@SUM(1)', 'plain', '=1+1\nnote'], ['-1.5', '+3', '-cmd', '1e-7']]);
    expect(csv).toBe(["'=name,value", `"'=HYPERLINK(""http://x"",""y"")",-1.5`, "'@SUM(1),+3", "plain,'-cmd", `"'=1+1\nnote",1e-7`].join('\n') + '\n');
  });

  it('quotes fields with delimiters, quotes and line breaks; writes non-finite numbers as empty', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(numberField(NaN)).toBe('');
    expect(numberField(-Infinity)).toBe('');
    expect(numberField(0.1)).toBe('0.1');
  });
});
