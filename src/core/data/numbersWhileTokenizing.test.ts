/**
 * Guards the reader's fast path: numeric columns built from the numbers the tokenizer read on its
 * pass (NumericGuess) must be the very columns the ordinary path (gather, then inferColumnType)
 * builds, bit for bit, with the same issues, on every fixture, on the fuzz corpus and on seeded
 * tables made of the cells where a number parser goes wrong.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError } from './importIssue';
import { readCsv, type ReadOptions, type ReadResult } from './readCsv';
import { CASES, makeCase, rng, SEED } from './readCsvFuzzCases';
import type { Column } from './table';

type Outcome = { result: ReadResult } | { error: unknown };

function read(bytes: Uint8Array, options: ReadOptions, fast: boolean): Outcome {
  try {
    return { result: readCsv(bytes, { ...options, numbersWhileTokenizing: fast }) };
  } catch (error) {
    return { error };
  }
}

/** Float64 bit patterns, so -0 against 0 and one ulp of difference both fail. */
const bits = (values: Float64Array | undefined) => (values ? Array.from(new BigUint64Array(values.buffer, values.byteOffset, values.length)) : undefined);

function plain(column: Column) {
  return { ...column, values: bits(column.values), missing: Array.from(column.missing), codes: column.codes && Array.from(column.codes) };
}

/** Reads with and without the fast path and expects the same outcome; returns how many columns were numeric. */
function expectSameRead(bytes: Uint8Array, options: ReadOptions, where: string): number {
  const fast = read(bytes, options, true);
  const ordinary = read(bytes, options, false);
  if ('error' in ordinary) {
    expect('error' in fast, `${where}: only the ordinary path failed`).toBe(true);
    if ('error' in fast) {
      expect(fast.error instanceof ImportError ? fast.error.issue : fast.error, where).toEqual(ordinary.error instanceof ImportError ? ordinary.error.issue : ordinary.error);
    }
    return 0;
  }
  expect('result' in fast, `${where}: only the fast path failed`).toBe(true);
  if (!('result' in fast)) return 0;
  const a = fast.result;
  const b = ordinary.result;
  expect(a.table.rowCount, where).toBe(b.table.rowCount);
  expect(a.table.columns.map(plain), where).toEqual(b.table.columns.map(plain));
  expect(a.issues, where).toEqual(b.issues);
  expect(a.dialect, where).toEqual(b.dialect);
  expect(a.headerLine, where).toBe(b.headerLine);
  return b.table.columns.filter((c) => c.type === 'numeric').length;
}

function csvFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return csvFiles(path);
    return entry.name.endsWith('.csv') ? [path] : [];
  });
}

/** Cells around the edges of the fast number scanner and of inferColumnType's rules. */
const CELLS = [
  '0', '1', '-1', '-0', '0.0', '-0.0', '.5', '-.5', '5.', '-5.', '.', '-', '--1', '+1', '1.2.3', '00501', '0.001', '10',
  '123456789012345', '1234567890123456', '12345678901234567890', '0.123456789012345', '0.1234567890123456', '99999999999999.9',
  '1e5', '1E-3', '2.5e', '9007199254740993', '1e400', ' 7', '7 ', '\t3.25\t', ' ', '', 'NA', 'nan', '#N/A', '?', 'x',
  '"3.5"', '""', '" 4 "', '"1""2"', '"7" ', '"-0"', '0x10', '1,5', 'Infinity', '٣', '１',
];

function numberTable(rand: () => number, index: number): { bytes: Uint8Array; options: ReadOptions } {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const delimiter = pick([',', ';', '\t', '|']);
  const cols = 1 + Math.floor(rand() * 5);
  const rows = Math.floor(rand() * 30);
  // Most columns draw from a few cells, so many of them stay numeric to the end.
  const palettes = Array.from({ length: cols }, () => Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(CELLS)));
  const lines: string[] = [];
  if (rand() < 0.8) lines.push(Array.from({ length: cols }, (_, j) => (rand() < 0.1 ? pick(CELLS) : `c${j}`)).join(delimiter));
  for (let r = 0; r < rows; r++) {
    const width = rand() < 0.05 ? Math.max(1, cols + Math.floor(rand() * 3) - 1) : cols;
    lines.push(Array.from({ length: width }, (_, j) => (rand() < 0.97 ? pick(palettes[j % cols]) : pick(CELLS))).join(delimiter));
  }
  if (rand() < 0.1) lines.splice(1 + Math.floor(rand() * lines.length), 0, '');
  const eol = pick(['\n', '\r\n', '\r']);
  const text = lines.join(eol) + (rand() < 0.5 ? eol : '');
  const options: ReadOptions = {
    fileName: `numbers-${index}.csv`,
    delimiter,
    hasHeader: rand() < 0.3 ? rand() < 0.5 : undefined,
    raggedRows: pick(['error', 'pad', 'drop'] as const),
    typeOverrides: rand() < 0.15 ? [{ column: 0, type: pick(['numeric', 'categorical', 'text'] as const) }] : undefined,
  };
  return { bytes: new TextEncoder().encode(text), options };
}

describe('numbers read while tokenizing', () => {
  it('give the same table as the ordinary path on every CSV fixture and example', () => {
    const files = [...csvFiles('tests/fixtures'), ...csvFiles('public/examples')];
    expect(files.length).toBeGreaterThan(30);
    let numeric = 0;
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(file));
      for (const options of [{}, { hasHeader: false }, { raggedRows: 'pad' as const }, { raggedRows: 'drop' as const }]) {
        numeric += expectSameRead(bytes, { fileName: file, ...options }, `${file} ${JSON.stringify(options)}`);
      }
    }
    // The fixtures do exercise the fast path.
    expect(numeric).toBeGreaterThan(100);
  });

  it('give the same outcome on the reader fuzz corpus', () => {
    const rand = rng(SEED);
    for (let k = 0; k < CASES; k++) {
      const { bytes, options } = makeCase(rand, k);
      expectSameRead(bytes, options, `fuzz seed ${SEED}, case ${k}`);
    }
  });

  it('give the same table on 3,000 seeded tables of awkward numeric cells', () => {
    const rand = rng(20261129);
    let numeric = 0;
    for (let k = 0; k < 3000; k++) {
      const { bytes, options } = numberTable(rand, k);
      numeric += expectSameRead(bytes, options, `numbers case ${k}: ${JSON.stringify(new TextDecoder().decode(bytes).slice(0, 300))} ${JSON.stringify(options)}`);
    }
    expect(numeric).toBeGreaterThan(1000);
  });
});
