import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsv } from '../core/data/readCsv';
import { cellText } from '../core/data/table';
import { countLines, openChunkedCsv, RecordScanner } from './csvChunkStream';

const work = mkdtempSync(join(tmpdir(), 'cli-chunks-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const TRICKY =
  'id,text,n\r\n' +
  '1,"two\r\nlines",1.5\r\n' +
  '2,"a ""quoted"", comma",2\r\n' +
  '\r\n' +
  '3,plain,3\n' +
  '4,"x\ny\nz",4\r' +
  '5,6\'5" tall,5\n' +
  '6,"",\n' +
  '7,"end"  ,7';

function file(name: string, content: string | Uint8Array): string {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
}

/** Every chunk read back as rows of cell texts, with each row's line in the whole file. */
function readChunks(path: string, chunkBytes: number) {
  const csv = openChunkedCsv(path, 'f.csv', chunkBytes);
  const rows: string[][] = [];
  const lines: number[] = [];
  let chunks = 0;
  for (const chunk of csv.chunks()) {
    chunks++;
    const { table } = readCsv(chunk.bytes, { fileName: 'f.csv', delimiter: csv.delimiter, hasHeader: true });
    const issues = readCsv(chunk.bytes, { fileName: 'f.csv', delimiter: csv.delimiter, hasHeader: true }).issues;
    for (let r = 0; r < table.rowCount; r++) rows.push(table.columns.map((c) => cellText(c, r)));
    for (const issue of issues) if (issue.code === 'stray-quote' || issue.code === 'blank-lines') lines.push(chunk.fileLine(issue.line!));
  }
  csv.close();
  return { rows, lines, chunks };
}

describe('openChunkedCsv', () => {
  it('cuts only at record ends, so any chunk size reads the same rows and lines as the whole file', () => {
    const path = file('tricky.csv', TRICKY);
    const whole = readChunks(path, 1 << 20);
    expect(whole.chunks).toBe(1);
    expect(whole.rows).toEqual([
      ['1', 'two\r\nlines', '1.5'],
      ['2', 'a "quoted", comma', '2'],
      ['3', 'plain', '3'],
      ['4', 'x\ny\nz', '4'],
      ['5', '6\'5" tall', '5'],
      ['6', '', ''],
      ['7', 'end', '7'],
    ]);
    expect(whole.lines).toEqual([5, 10]);
    for (let size = 1; size <= 64; size++) {
      const chunked = readChunks(path, size);
      expect(chunked.rows, `chunk size ${size}`).toEqual(whole.rows);
      expect(chunked.lines.sort((a, b) => a - b), `chunk size ${size}`).toEqual([5, 10]);
      if (size < 10) expect(chunked.chunks).toBe(7);
    }
  });

  it('drops a UTF-8 byte-order mark and transcodes UTF-16', () => {
    const text = 'name,city\nZoë,"Köln\nNord"\nAnn,Łódź\n';
    const bom = file('bom.csv', '\uFEFF' + text);
    expect(readChunks(bom, 8).rows).toEqual([['Zoë', 'Köln\nNord'], ['Ann', 'Łódź']]);
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      utf16[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      utf16[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    expect(readChunks(file('utf16.csv', utf16), 8).rows).toEqual([['Zoë', 'Köln\nNord'], ['Ann', 'Łódź']]);
  });

  it('guesses the delimiter once from the start of the file', () => {
    const csv = openChunkedCsv(file('semi.csv', 'a;b\n1,5;2\n3;4\n'), 'semi.csv', 4);
    expect(csv.delimiter).toBe(';');
    expect([...csv.chunks()].length).toBe(2);
    csv.close();
  });

  it('gives a header-only file no chunks, and an empty file an empty header', () => {
    const only = openChunkedCsv(file('header.csv', '\n\na,b'), 'header.csv', 4);
    expect(new TextDecoder().decode(only.header)).toBe('\n\na,b');
    expect([...only.chunks()]).toEqual([]);
    const empty = openChunkedCsv(file('empty.csv', ''), 'empty.csv');
    expect(empty.header.length).toBe(0);
    expect([...empty.chunks()]).toEqual([]);
  });

  it('counts lines as the tokenizer does and never splits a CRLF', () => {
    expect(countLines(new TextEncoder().encode('a\r\nb\rc\nd'))).toBe(3);
    const scanner = new RecordScanner(0x2c);
    const bytes = new TextEncoder().encode('a,b\r');
    scanner.scan(bytes, 0, bytes.length);
    expect(scanner.lastRecordEnd).toBe(-1);
    scanner.scan(new TextEncoder().encode('a,b\r\n'), 4, 5);
    expect(scanner.lastRecordEnd).toBe(5);
  });
});
