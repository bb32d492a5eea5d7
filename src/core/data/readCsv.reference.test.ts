import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readCsv, type ReadResult } from './readCsv';
import { cellText } from './table';

const fixturePath = (name: string) => new URL(`../../../tests/fixtures/csv/${name}`, import.meta.url);

/** Every cell as the exact string in the file: all columns read as categorical, no header. */
function readerCells(bytes: Uint8Array): { cells: string[][]; result: ReadResult } {
  const probe = readCsv(bytes, { fileName: 'ref.csv', hasHeader: false });
  const typeOverrides = probe.table.columns.map((_, column) => ({ column, type: 'categorical' as const }));
  const result = readCsv(bytes, { fileName: 'ref.csv', hasHeader: false, typeOverrides });
  const cells = Array.from({ length: result.table.rowCount }, (_, i) => result.table.columns.map((c) => cellText(c, i)));
  return { cells, result };
}

function generated(): string {
  const lines = ['id,name,score,comment'];
  for (let i = 0; i < 500; i++) {
    const comment = i % 7 === 0 ? `"said ""hi"", then left"` : i % 11 === 0 ? '"two\r\nlines"' : `plain ${i}`;
    lines.push(`${i},name${i % 13},${(i * 0.37).toFixed(2)},${comment}`);
  }
  return lines.join('\r\n') + '\r\n';
}

describe('readCsv agrees with papaparse on well-formed files', () => {
  const fixtures = [
    'spectrum_comma_in_quotes.csv',
    'spectrum_escaped_quotes.csv',
    'spectrum_newlines.csv',
    'spectrum_newlines_crlf.csv',
    'spectrum_quotes_and_newlines.csv',
    'spectrum_utf8.csv',
    'spectrum_empty.csv',
    'spectrum_json.csv',
    'spectrum_location_coordinates.csv',
    'd1_semicolon_decimal_comma.csv',
    'd3_quoted_multiline.csv',
    'd6_mixed_newlines.csv',
    'r7_proto_headers.csv',
    'v_types.csv',
  ];
  for (const name of fixtures) {
    it(name, () => {
      const bytes = new Uint8Array(readFileSync(fixturePath(name)));
      const { cells, result } = readerCells(bytes);
      const text = new TextDecoder().decode(bytes);
      const papa = Papa.parse<string[]>(text, { header: false, skipEmptyLines: true, delimiter: result.dialect.delimiter });
      expect(papa.errors).toEqual([]);
      // Missing-value tokens are the one deliberate difference: papaparse keeps them as text.
      const expected = papa.data.map((row) => row.map((v) => (['NA', 'null'].includes(v) ? '' : v)));
      expect(cells).toEqual(expected);
    });
  }

  it('a generated 500-row CRLF file with quotes and embedded newlines', () => {
    const text = generated();
    const { cells } = readerCells(new TextEncoder().encode(text));
    expect(cells).toEqual(Papa.parse<string[]>(text, { header: false, skipEmptyLines: true }).data);
  });
});
