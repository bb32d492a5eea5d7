import { describe, expect, it } from 'vitest';
import { ImportError } from './importIssue';
import { readCsv, type ReadOptions, type ReadResult } from './readCsv';
import { rng } from './readCsvFuzzCases';
import { cellText } from './table';

const ALPHABET = ['a', 'b', 'Z', '1', '0', '.', ',', ';', '\t', '|', '"', '""', '\r', '\n', '\r\n', ' ', 'é', '€', '😀', 'ʤ', '-', 'x y'];
const DELIMITERS = [',', ';', '\t', '|'];
const EOLS = ['\n', '\r\n', '\r'];

function csvField(value: string, delimiter: string, alone: boolean): string {
  const needsQuotes = value.includes(delimiter) || /["\r\n]/.test(value) || (alone && value === '');
  return needsQuotes ? `"${value.replaceAll('"', '""')}"` : value;
}

/** What the reader must give back for a raw value: spaces/tabs-only and empty cells are missing. */
function expectedCell(value: string): string {
  return value.replace(/^[ \t]+|[ \t]+$/g, '') === '' ? '' : value;
}

const grid = (r: ReadResult) => Array.from({ length: r.table.rowCount }, (_, i) => r.table.columns.map((c) => cellText(c, i)));

function readAsStrings(bytes: Uint8Array, options: ReadOptions, columns: number): ReadResult {
  const typeOverrides = Array.from({ length: columns }, (_, column) => ({ column, type: 'categorical' as const }));
  return readCsv(bytes, { ...options, typeOverrides });
}

describe('readCsv properties', () => {
  it('round-trips random tables with quotes, delimiters, CR/LF and unicode', () => {
    const rand = rng(20240601);
    const pick = <T,>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
    for (let trial = 0; trial < 400; trial++) {
      const cols = 1 + Math.floor(rand() * 5);
      const rows = 1 + Math.floor(rand() * 8);
      const delimiter = pick(DELIMITERS);
      const mixedEol = rand() < 0.2;
      const eol = pick(EOLS);
      const header = Array.from({ length: cols }, (_, j) => `h${j}`);
      const table = Array.from({ length: rows }, () =>
        Array.from({ length: cols }, () => Array.from({ length: Math.floor(rand() * 6) }, () => pick(ALPHABET)).join('')),
      );
      const lines = [header, ...table].map((row) => row.map((v) => csvField(v, delimiter, cols === 1)).join(delimiter));
      let text = '';
      lines.forEach((line, i) => {
        text += line;
        if (i < lines.length - 1 || rand() < 0.5) text += mixedEol ? pick(EOLS) : eol;
      });
      const bytes = new TextEncoder().encode(text);
      const options: ReadOptions = { fileName: `trial${trial}.csv`, delimiter, hasHeader: true };
      const result = readAsStrings(bytes, options, cols);
      expect(result.table.columns.map((c) => c.name), text).toEqual(header);
      expect(grid(result), JSON.stringify(text)).toEqual(table.map((row) => row.map(expectedCell)));
      // Progress reporting is the reader's only interruption of the scan: it must not change the result.
      const withProgress = readAsStrings(bytes, { ...options, onProgress: () => undefined }, cols);
      expect(grid(withProgress)).toEqual(grid(result));
    }
  });

  it('reads the same cells whatever is in front of a CRLF after a quoted field (chunk-boundary cases)', () => {
    const base = grid(readCsv(new TextEncoder().encode('"k",v\r\n"1","x"\r\n'), { fileName: 'a.csv', typeOverrides: [{ column: 0, type: 'categorical' }] }));
    for (let pad = 1; pad <= 64; pad++) {
      const text = `"k",v\r\n"1","x"\r\n`.replace('v', 'v'.repeat(pad));
      const r = readCsv(new TextEncoder().encode(text), { fileName: 'a.csv', typeOverrides: [{ column: 0, type: 'categorical' }] });
      expect(grid(r)).toEqual(base);
      expect(r.table.columns[1].name).toBe('v'.repeat(pad));
    }
  });

  it('fuzz: 300 random or mutated byte strings only ever throw ImportError, and quickly', () => {
    const rand = rng(7);
    const seeds = ['a,b,c\n1,2,3\n"x, y",4,5\n', 'id;name\r\n1;"multi\r\nline"\r\n2;b\r\n', 'h\n00501\nNA\n2020-01-02\n', '"a""b",c\n"",\n'].map((s) =>
      new TextEncoder().encode(s),
    );
    const special = [0x22, 0x2c, 0x3b, 0x09, 0x0a, 0x0d, 0x20, 0xff, 0xfe, 0xef, 0xbb, 0xbf, 0xc3, 0x80];
    const started = performance.now();
    for (let k = 0; k < 300; k++) {
      let bytes: Uint8Array;
      if (k % 2 === 0) {
        bytes = new Uint8Array(Math.floor(rand() * 4096));
        for (let i = 0; i < bytes.length; i++) {
          const roll = rand();
          bytes[i] = roll < 0.3 ? special[Math.floor(rand() * special.length)] : roll < 0.95 ? 0x30 + Math.floor(rand() * 0x4a) : 1 + Math.floor(rand() * 255);
        }
      } else {
        const source = seeds[k % seeds.length];
        const out: number[] = [];
        for (const b of source) {
          const roll = rand();
          if (roll < 0.05) continue;
          out.push(roll < 0.1 ? special[Math.floor(rand() * special.length)] : b);
          if (roll > 0.95) out.push(special[Math.floor(rand() * special.length)]);
        }
        bytes = new Uint8Array(out);
      }
      // Every tenth input gets a NUL somewhere, the mark of a binary file.
      if (k % 10 === 0 && bytes.length > 0) bytes[Math.floor(rand() * bytes.length)] = 0;
      const options: ReadOptions = {
        fileName: `fuzz${k}.csv`,
        raggedRows: (['error', 'pad', 'drop'] as const)[k % 3],
        quoting: k % 7 === 0 ? 'none' : 'rfc',
        hasHeader: k % 5 === 0 ? false : undefined,
      };
      const t0 = performance.now();
      try {
        const r = readCsv(bytes, options);
        for (const c of r.table.columns) expect(c.missing.length).toBe(r.table.rowCount);
      } catch (error) {
        if (!(error instanceof ImportError)) throw new Error(`input ${k} threw ${String(error)}`, { cause: error });
        expect(error.issue.severity).toBe('error');
        expect(error.message.length).toBeGreaterThan(10);
      }
      expect(performance.now() - t0).toBeLessThan(500);
    }
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
