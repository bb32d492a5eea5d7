import { describe, expect, it } from 'vitest';
import { recordTexts } from './csvTokens';
import { ImportError } from './importIssue';
import { tokenizeCsv, type TokenizeOptions } from './tokenizeCsv';

function tokenize(text: string, options: Partial<TokenizeOptions> = {}) {
  return tokenizeCsv(text, { fileName: 'data.csv', delimiter: ',', ...options });
}

function rows(text: string, options: Partial<TokenizeOptions> = {}): string[][] {
  const tokens = tokenize(text, options);
  return Array.from({ length: tokens.recordCount }, (_, r) => recordTexts(tokens, r));
}

function importError(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('expected an ImportError');
}

describe('tokenizeCsv', () => {
  it('D12: quoted delimiters, newlines and escaped quotes', () => {
    expect(rows('a,b\n"x,y","say ""hi"""\n"multi\nline",2\n')).toEqual([
      ['a', 'b'],
      ['x,y', 'say "hi"'],
      ['multi\nline', '2'],
    ]);
  });

  it('D6/D7: CRLF, lone CR and mixed endings never leak \\r into values', () => {
    expect(rows('a,b\r\n1,2\r\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(rows('a,b\r1,2\r3,4')).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
    expect(rows('a,b\n1,2\r\n3,4\r5,6\n')).toEqual([['a', 'b'], ['1', '2'], ['3', '4'], ['5', '6']]);
    expect(tokenize('a,b\r\n1,2\r\n').lineEnding).toBe('CRLF');
    expect(tokenize('a,b\r1,2\r').lineEnding).toBe('CR');
    expect(tokenize('a,b\n1,2\r\n').lineEnding).toBe('mixed');
    expect(tokenize('a,b').lineEnding).toBe('LF');
  });

  it('D6: newlines inside quotes do not count as line endings', () => {
    const tokens = tokenize('id,note\r\n1,"one\ntwo"\r\n2,x\r\n');
    expect(tokens.lineEnding).toBe('CRLF');
    expect(tokens.recordCount).toBe(3);
    expect(Array.from(tokens.recordLine.subarray(0, 3))).toEqual([1, 2, 4]);
  });

  it('D8: a CRLF right after a quoted field, at any offset, gives the same values', () => {
    for (let pad = 0; pad < 70; pad++) {
      const name = 'h'.repeat(pad + 1);
      expect(rows(`${name},b\r\n"q",2\r\n"x"\r\n`, {})).toEqual([[name, 'b'], ['q', '2'], ['x']]);
    }
  });

  it('R2: one trailing newline adds no record; blank lines in the middle are one info issue', () => {
    expect(rows('a\n1\n')).toEqual([['a'], ['1']]);
    const tokens = tokenize('a,b\n1,2\n\n\n3,4\r\n\r\n5,6\n\n\n');
    expect(tokens.recordCount).toBe(4);
    expect(tokens.issues).toEqual([expect.objectContaining({ severity: 'info', code: 'blank-lines', line: 3 })]);
    expect(tokens.issues[0].message).toBe('Skipped 3 blank lines in "data.csv" (the first at line 3).');
  });

  it('keeps a trailing empty field and counts physical lines', () => {
    const tokens = tokenize('a,b,\n"x\ny",2,\n3,4,5');
    expect(recordTexts(tokens, 1)).toEqual(['x\ny', '2', '']);
    expect(Array.from(tokens.recordLine.subarray(0, 3))).toEqual([1, 2, 4]);
  });

  it('D9: an unclosed quote names its line and column', () => {
    const text = 'a,b,c\n1,"x,3\n' + '4,5,6\n'.repeat(9998);
    const error = importError(() => tokenize(text, { columnLabel: (i, first) => first?.[i] ?? `column_${i + 1}` }));
    expect(error.issue).toMatchObject({ code: 'unclosed-quote', line: 2, column: { index: 1, name: 'b' } });
    expect(error.message).toBe('Unclosed quote starting at line 2, column "b" in "data.csv"; nothing was imported.');
  });

  it('D9: an unclosed quote that pairs with a later quote is still reported at its start', () => {
    const text = 'a,b,c\n1,"x,3\n4,5,6\n7,"y",9\n';
    const error = importError(() => tokenize(text, { columnLabel: (i, first) => first?.[i] ?? '?' }));
    expect(error.issue).toMatchObject({ code: 'unclosed-quote', line: 2, column: { name: 'b' } });
  });

  it('D10: stray quotes in unquoted fields are kept literally with a warning', () => {
    const tokens = tokenize('name,height\nbob,6\'5"\n');
    expect(recordTexts(tokens, 1)).toEqual(['bob', '6\'5"']);
    expect(tokens.issues[0]).toMatchObject({ severity: 'warning', code: 'stray-quote', line: 2, column: { index: 1 } });
  });

  it('D10: text after a closing quote keeps the whole field literally; spaces after it are fine', () => {
    const tokens = tokenize('a,b\n"x"y,2\n"z"  ,3\n');
    expect(recordTexts(tokens, 1)).toEqual(['"x"y', '2']);
    expect(recordTexts(tokens, 2)).toEqual(['z', '3']);
    expect(tokens.issues.map((i) => i.code)).toEqual(['text-after-quote']);
  });

  it('caps repeated warnings at 20 plus a summary', () => {
    const tokens = tokenize('a\n' + 'x"y\n'.repeat(50));
    expect(tokens.issues.length).toBe(21);
    expect(tokens.issues[20].message).toContain('50 unquoted values');
  });

  it('reads quotes literally when quoting is off', () => {
    expect(rows('a,b\n"x,y"\n', { quoting: false })).toEqual([['a', 'b'], ['"x', 'y"']]);
  });

  it('D11: unquoted JSON in cells splits on its commas, so the row count shows it', () => {
    expect(rows('id,json\n1,{"a":1,"b":2}\n')[1]).toEqual(['1', '{"a":1', '"b":2}']);
  });

  it('Z1: a 50 MB field fails fast on the length cap, quoted or not', () => {
    const big = 'x'.repeat(50_000_000);
    for (const text of [`a,b\n1,${big}\n`, `a,b\n1,"${big}"\n`]) {
      const start = performance.now();
      const error = importError(() => tokenize(text, { maxFieldLength: 1_000_000 }));
      expect(error.issue).toMatchObject({ code: 'field-too-long', line: 2 });
      expect(error.message).toContain('1000000');
      expect(performance.now() - start).toBeLessThan(2000);
    }
  });

  it('Z2: too many columns names the count, the line and the limit', () => {
    const error = importError(() => tokenize(',,,,\n'.repeat(2), { maxColumns: 3 }));
    expect(error.message).toBe('"data.csv" has 5 columns on line 1; the studio reads at most 3.');
  });

  it('caps records and cells', () => {
    expect(importError(() => tokenize('a\n1\n2\n3\n', { maxRecords: 3 })).issue).toMatchObject({ code: 'too-many-rows', line: 4 });
    expect(importError(() => tokenize('a,b\n1,2\n', { maxCells: 3 })).issue).toMatchObject({ code: 'too-many-cells', line: 2 });
  });

  it('reports progress at most ~100 times, ending near 1', () => {
    const text = 'a,b\n' + '1,2\n'.repeat(2_000_000);
    const calls: number[] = [];
    tokenize(text, { onProgress: (f) => calls.push(f) });
    expect(calls.length).toBeGreaterThan(5);
    expect(calls.length).toBeLessThanOrEqual(101);
    expect(calls.every((f, i) => f > 0 && f <= 1 && (i === 0 || f > calls[i - 1]))).toBe(true);
  });
});
