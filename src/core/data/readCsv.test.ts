import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportError } from './importIssue';
import { readCsv, type ReadOptions, type ReadResult } from './readCsv';
import { cellText } from './table';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../tests/fixtures/csv/${name}`, import.meta.url)));
const utf8 = (text: string) => new TextEncoder().encode(text);

function read(input: string | Uint8Array, options: Partial<ReadOptions> = {}): ReadResult {
  return readCsv(typeof input === 'string' ? utf8(input) : input, { fileName: 'data.csv', ...options });
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

const names = (r: ReadResult) => r.table.columns.map((c) => c.name);
const types = (r: ReadResult) => r.table.columns.map((c) => c.type);
const grid = (r: ReadResult) => Array.from({ length: r.table.rowCount }, (_, i) => r.table.columns.map((c) => cellText(c, i)));
const codes = (r: ReadResult) => r.issues.map((i) => i.code);

describe('readCsv: bytes and encodings (reliability §1.1)', () => {
  it('E1: a UTF-8 BOM does not end up in the first column name', () => {
    const r = read(fixture('e1_utf8_bom.csv'));
    expect(names(r)).toEqual(['id', 'name']);
    expect(r.dialect.encoding).toBe('utf-8');
    expect(r.issues.find((i) => i.code === 'bom')?.severity).toBe('info');
  });

  it('E2: without a header the BOM is not in the first cell either', () => {
    const r = read(fixture('e1_utf8_bom.csv'), { hasHeader: false });
    expect(grid(r)[0]).toEqual(['id', 'name']);
  });

  it('E3: UTF-16LE and UTF-16BE with BOM give clean headers and values', () => {
    for (const name of ['e3_utf16le_bom.csv', 'e3_utf16be_bom.csv']) {
      const r = read(fixture(name));
      expect(names(r)).toEqual(['a', 'b']);
      expect(grid(r)).toEqual([['1', 'x'], ['2', 'y']]);
      expect(r.dialect).toMatchObject({ encoding: name.includes('le') ? 'utf-16le' : 'utf-16be', lineEnding: 'CRLF' });
    }
  });

  it('E4: UTF-16 without a BOM is detected, with a warning to confirm', () => {
    const r = read(fixture('e4_utf16le_no_bom.csv'));
    expect(names(r)).toEqual(['a', 'b']);
    expect(codes(r)).toContain('utf16-without-bom');
  });

  it('E5: Latin-1 bytes fall back to windows-1252 with a warning, never U+FFFD', () => {
    const r = read(fixture('e5_windows1252.csv'));
    expect(grid(r)).toEqual([['café', '5'], ['naïve', '€ 7']]);
    expect(r.dialect.encoding).toBe('windows-1252');
    expect(r.issues[0]).toMatchObject({ severity: 'warning', code: 'not-utf8', line: 2 });
  });

  it('E6: a chosen encoding is used as given', () => {
    const r = read(new Uint8Array([0x61, 0x0a, 0x82, 0xa0, 0x0a]), { encoding: 'shift_jis' });
    expect(grid(r)).toEqual([['あ']]);
  });

  it('E7: zip/xlsx and PNG bytes are refused as binary', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(importError(() => read(zip)).message).toBe('"data.csv" looks like a zip/Excel file, not CSV text; nothing was imported.');
    expect(importError(() => read(png)).issue.code).toBe('binary-file');
  });

  it('E8: empty and whitespace-only files are errors; a header-only file is a table with 0 rows', () => {
    expect(importError(() => read(new Uint8Array(0))).issue.code).toBe('empty-file');
    expect(importError(() => read(fixture('e8_whitespace_only.csv'))).issue.code).toBe('empty-file');
    const r = read(fixture('e8_header_only.csv'));
    expect(r.table.rowCount).toBe(0);
    expect(names(r)).toEqual(['id', 'name', 'score']);
    expect(r.table.columns.every((c) => c.missing.length === 0)).toBe(true);
    expect(r.issues).toEqual([expect.objectContaining({ severity: 'info', code: 'header-only' })]);
  });
});

describe('readCsv: dialect (reliability §1.2)', () => {
  it('D1: semicolon file with decimal commas', () => {
    const r = read(fixture('d1_semicolon_decimal_comma.csv'));
    expect(r.dialect.delimiter).toBe(';');
    expect(names(r)).toEqual(['name', 'price', 'weight']);
    expect(grid(r)[0]).toEqual(['apple', '1,5', '0,25']);
    expect(codes(r)).toContain('decimal-comma');
  });

  it('D2: tab file with decimal commas', () => {
    const r = read(fixture('d2_tab_decimal_comma.csv'));
    expect(r.dialect.delimiter).toBe('\t');
    expect(grid(r)[1]).toEqual(['B', '2,25', '0,2']);
  });

  it('D3: optional quoting and quoted multi-line values', () => {
    expect(grid(read(fixture('d3_optional_quoting.csv')))).toEqual([['1', '2', 'x,y,z'], ['3', '4', 'u,v,w']]);
    const r = read(fixture('d3_quoted_multiline.csv'));
    expect(r.table.rowCount).toBe(2);
    expect(grid(r)[0][1]).toBe('first line, with comma\nsecond line; with semicolon');
  });

  it('D4: a single-column file is valid, with no delimiter warning, and a trailing blank line is fine', () => {
    const r = read('name\nAnn\nBo\n\n');
    expect(grid(r)).toEqual([['Ann'], ['Bo']]);
    expect(r.issues).toEqual([]);
  });

  it('D5: an unusual manual delimiter', () => {
    expect(grid(read('a}b\n1}2\n', { delimiter: '}' }))).toEqual([['1', '2']]);
    expect(importError(() => read('a,b\n', { delimiter: '::' })).issue.code).toBe('bad-delimiter');
  });

  it('D6: LF inside quotes and CRLF between records gives the right row count', () => {
    const r = read(fixture('d6_mixed_newlines.csv'));
    expect(r.table.rowCount).toBe(3);
    expect(r.dialect.lineEnding).toBe('CRLF');
    expect(grid(r)[2]).toEqual(['3', 'a\nb\nc']);
  });

  it('D7: no value or header of a CRLF file ends with \\r', () => {
    const r = read('a,b,dddd\r\n1,x,y\r\n2,"q",z\r\n');
    expect(names(r)).toEqual(['a', 'b', 'dddd']);
    expect(grid(r).flat().some((v) => v.includes('\r'))).toBe(false);
  });

  it('D9: an unclosed quote on line 2 of 10,000 names the line and column', () => {
    const text = 'a,b,c\n1,"x,3\n' + '4,5,6\n'.repeat(9998);
    const error = importError(() => read(text));
    expect(error.message).toBe('Unclosed quote starting at line 2, column "b" in "data.csv"; nothing was imported.');
    expect(error.issue).toMatchObject({ line: 2, column: { index: 1, name: 'b' } });
    expect(grid(read(text, { quoting: 'none' }))[0]).toEqual(['1', '"x', '3']);
  });

  it('D10: stray quotes are kept with warnings naming line and column', () => {
    const r = read(fixture('d10_stray_quotes.csv'));
    expect(grid(r)).toEqual([['bob', '6\'5"'], ['ann', '5\'9"']]);
    expect(r.issues.filter((i) => i.code === 'stray-quote').map((i) => [i.line, i.column?.name])).toEqual([[2, 'height'], [3, 'height']]);
  });

  it('D11: unquoted JSON in a cell is flagged as a row with too many fields', () => {
    const error = importError(() => read('id,json\n1,{"a":1,"b":2}\n'));
    expect(error.issue).toMatchObject({ code: 'ragged-row', line: 2 });
  });

  it('D12: the csv-spectrum cases', () => {
    for (const name of ['comma_in_quotes', 'escaped_quotes', 'newlines', 'newlines_crlf', 'quotes_and_newlines', 'utf8', 'empty', 'empty_crlf', 'json', 'simple', 'simple_crlf', 'location_coordinates']) {
      const file = `spectrum_${name}`;
      const expected = JSON.parse(readFileSync(new URL(`../../../tests/fixtures/csv/${file}.expected.json`, import.meta.url), 'utf8')) as { rows: string[][] };
      const first = read(fixture(`${file}.csv`), { hasHeader: false });
      const typeOverrides = first.table.columns.map((_, column) => ({ column, type: 'categorical' as const }));
      const r = read(fixture(`${file}.csv`), { hasHeader: false, typeOverrides });
      expect(grid(r), name).toEqual(expected.rows);
    }
  });
});

describe('readCsv: rows and headers (reliability §1.3)', () => {
  it('R1: a ragged row is an error by default, naming the line, the record and the extra values', () => {
    const error = importError(() => read(fixture('r1_ragged.csv'), { fileName: 'r1.csv' }));
    expect(error.message).toBe('Line 3 of "r1.csv" has 3 fields but the header has 4 (record 2): no values for "d"; nothing was imported.');
    const long = importError(() => read('a,b,c,d\n1,2,3,4\n1,2,3,4\n1,2,3,4\n1,2,3,4\n1,2,3,4\n1,2,3,4,x\n'));
    expect(long.message).toBe('Line 7 of "data.csv" has 5 fields but the header has 4 (record 6): extra values "x"; nothing was imported.');
    expect(long.issue).toMatchObject({ code: 'ragged-row', line: 7, record: 6 });
  });

  it('R1: pad fills short rows with missing values and cuts long ones, one warning per row', () => {
    const r = read(fixture('r1_ragged.csv'), { raggedRows: 'pad' });
    expect(grid(r)).toEqual([['1', '2', '3', '4'], ['5', '6', '7', ''], ['8', '9', '10', '11'], ['12', '13', '14', '15']]);
    expect(r.table.columns[3].missing[1]).toBe(1);
    expect(r.issues.filter((i) => i.code === 'ragged-row').map((i) => [i.severity, i.line])).toEqual([['warning', 3], ['warning', 4]]);
  });

  it('R1: pad lists at most 20 rows plus a summary with the total', () => {
    const r = read('a,b\n' + '1\n'.repeat(50), { raggedRows: 'pad' });
    const ragged = r.issues.filter((i) => i.code === 'ragged-row');
    expect(ragged.length).toBe(21);
    expect(ragged[20].message).toContain('50 rows');
  });

  it('R1: drop leaves the rows out with one summary warning', () => {
    const r = read(fixture('r1_ragged.csv'), { raggedRows: 'drop' });
    expect(grid(r)).toEqual([['1', '2', '3', '4'], ['12', '13', '14', '15']]);
    expect(r.issues.filter((i) => i.code === 'ragged-row')).toEqual([expect.objectContaining({ severity: 'warning', line: 3 })]);
    expect(r.issues[0].message).toContain('2 rows');
  });

  it('R2: a trailing newline adds no row; blank lines in the middle are skipped with one info issue', () => {
    expect(read('a,b\n1,2\n').table.rowCount).toBe(1);
    const r = read('a,b\n1,2\n\n3,4\n\n\n5,6\n');
    expect(grid(r)).toEqual([['1', '2'], ['3', '4'], ['5', '6']]);
    expect(r.issues).toEqual([expect.objectContaining({ severity: 'info', code: 'blank-lines', line: 3 })]);
  });

  it('R3: a title line above the header gives a clear error, not a silent misread', () => {
    const error = importError(() => read('Sales report 2020\nregion,total\nnorth,5\n'));
    expect(error.issue).toMatchObject({ code: 'ragged-row', line: 2 });
  });

  it('R4: a first row of numbers is data; columns are named column_N', () => {
    const r = read(fixture('r4_no_header.csv'));
    expect(r.dialect.hasHeader).toBe(false);
    expect(r.headerLine).toBe(0);
    expect(names(r)).toEqual(['column_1', 'column_2', 'column_3']);
    expect(r.table.rowCount).toBe(3);
    expect(codes(r)).toEqual(['no-header']);
    expect(read(fixture('r4_no_header.csv'), { hasHeader: true }).table.rowCount).toBe(2);
  });

  it('R5/R6: duplicate and empty header names are renamed with warnings', () => {
    const r = read('a,,a,a_2, \n1,2,3,4,5\n');
    expect(names(r)).toEqual(['a', 'column_2', 'a_3', 'a_2', 'column_5']);
    expect(r.issues.map((i) => [i.code, i.column?.index])).toEqual([
      ['empty-header', 1],
      ['duplicate-header', 2],
      ['empty-header', 4],
    ]);
    expect(r.issues[1].message).toBe('Column 3 of "data.csv" repeats the name "a"; it was renamed "a_3".');
  });

  it('R7: __proto__, constructor, toString and hasOwnProperty are ordinary column names', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const r = read(fixture('r7_proto_headers.csv'));
    expect(names(r)).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
    expect(grid(r)).toEqual([['1', 'a', 'x', 'true'], ['2', 'b', 'y', 'false']]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>)['1']).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('R9: header names are trimmed with an info issue; values are kept raw', () => {
    const r = read(' price ,name\n 7 , a \n');
    expect(names(r)).toEqual(['price', 'name']);
    expect(r.table.columns[0].values?.[0]).toBe(7);
    expect(grid(r)[0][1]).toBe(' a ');
    expect(codes(r)).toEqual(['trimmed-header']);
  });
});

describe('readCsv: values', () => {
  it('keeps 00501 as the string "00501"', () => {
    const r = read('zip,n\n00501,1\n02134,2\n');
    expect(r.table.columns[0].type).not.toBe('numeric');
    expect(grid(r).map((row) => row[0])).toEqual(['00501', '02134']);
  });

  it('reads a quoted "1,234" in a comma file as one column', () => {
    const r = read('amount,n\n"1,234",1\n"2,500",2\n');
    expect(names(r)).toEqual(['amount', 'n']);
    expect(grid(r)[0]).toEqual(['1,234', '1']);
    expect(codes(r)).toContain('thousands-separator');
  });

  it('reads NA, null and empty cells as missing', () => {
    const r = read('x,y\n1,a\nNA,null\n,\n4,d\n');
    expect(Array.from(r.table.columns[0].missing)).toEqual([0, 1, 1, 0]);
    expect(Array.from(r.table.columns[1].missing)).toEqual([0, 1, 1, 0]);
    expect(r.table.columns[0].type).toBe('numeric');
  });

  it('infers every type on one file and parses numbers from their exact text', () => {
    const r = read(fixture('v_types.csv'));
    expect(types(r)).toEqual(['numeric', 'identifier', 'categorical', 'boolean', 'datetime', 'categorical']);
    expect(r.table.columns[4].values?.[2]).toBe(Date.UTC(2022, 11, 31, 23, 59));
    expect(read('x\n0.1\n1e-7\n-0\n').table.columns[0].values).toEqual(new Float64Array([0.1, 1e-7, -0]));
  });

  it('applies type overrides and reports values that could not be converted', () => {
    const r = read('zip,n\n00501,1\nabc,2\n', { typeOverrides: [{ column: 0, type: 'numeric' }, { column: 9, type: 'text' }] });
    expect(r.table.columns[0]).toMatchObject({ type: 'numeric', inferredType: 'categorical' });
    expect(Array.from(r.table.columns[0].values!)).toEqual([501, NaN]);
    expect(r.issues.find((i) => i.code === 'conversion-failed')?.message).toContain('"abc" on line 3');
    expect(codes(r)).toContain('bad-override');
  });

  it('reports progress between 0 and 1, ending at 1', () => {
    const calls: number[] = [];
    read('a,b\n' + '1,x\n'.repeat(1000), { onProgress: (f) => calls.push(f) });
    expect(calls.at(-1)).toBe(1);
    expect(calls.length).toBeLessThanOrEqual(101);
  });
});

describe('readCsv: limits', () => {
  it('Z1: a 50 MB single field fails fast with the field-length cap', () => {
    const bytes = utf8('a\n' + 'x'.repeat(50_000_000) + '\n');
    const start = performance.now();
    const error = importError(() => read(bytes));
    expect(error.issue).toMatchObject({ code: 'field-too-long', line: 2 });
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('Z2: 20,000 columns are refused with the count, line and limit', () => {
    const header = Array.from({ length: 20_000 }, (_, i) => `c${i}`).join(',');
    const error = importError(() => read(`${header}\n${header}\n`, { fileName: 'wide.csv' }));
    expect(error.message).toBe('"wide.csv" has 20000 columns on line 1; the studio reads at most 5000.');
    expect(error.issue.code).toBe('too-many-columns');
  });

  it('each cap has its own code', () => {
    expect(importError(() => read('a\n1\n', { limits: { maxBytes: 3 } })).issue.code).toBe('file-too-large');
    const rows = importError(() => read('a\n1\n2\n3\n', { limits: { maxRows: 2 } }));
    expect(rows.issue).toMatchObject({ code: 'too-many-rows', line: 4 });
    expect(rows.message).toBe('"data.csv" has more than 2 rows (reached at line 4); the studio reads at most 2.');
    expect(importError(() => read('1\n2\n3\n', { limits: { maxRows: 2 } })).issue.code).toBe('too-many-rows');
    expect(importError(() => read('a,b\n1,2\n3,4\n', { limits: { maxCells: 5 } })).issue.code).toBe('too-many-cells');
    expect(importError(() => read('a\nabcdef\n', { limits: { maxFieldLength: 5 } })).issue.code).toBe('field-too-long');
    expect(read('a\n1\n2\n', { limits: { maxRows: 2 } }).table.rowCount).toBe(2);
  });
});
