/**
 * The harness of the reader's equivalence tests: each fast path of readCsv (numbers read while
 * tokenizing, the ASCII byte tokenizer) must give exactly what the general path gives.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ImportError } from './importIssue';
import { readCsv, type ReadOptions, type ReadResult } from './readCsv';
import { CASES, makeCase, rng, SEED } from './readCsvFuzzCases';
import type { Column } from './table';

type Outcome = { result: ReadResult } | { error: unknown };

function read(bytes: Uint8Array, options: ReadOptions): Outcome {
  try {
    return { result: readCsv(bytes, options) };
  } catch (error) {
    return { error };
  }
}

/** Float64 bit patterns, so -0 against 0 and one ulp of difference both fail. */
const bits = (values: Float64Array | undefined) => (values ? Array.from(new BigUint64Array(values.buffer, values.byteOffset, values.length)) : undefined);

function plain(column: Column) {
  return { ...column, values: bits(column.values), missing: Array.from(column.missing), codes: column.codes && Array.from(column.codes) };
}

/** The reader's settings a test compares: a fast path against the path it must agree with. */
export interface Paths {
  fast: Partial<ReadOptions>;
  ordinary: Partial<ReadOptions>;
}

/**
 * Reads with `paths.fast` and `paths.ordinary` and expects the same outcome, bit for bit: table,
 * issues, dialect and header line, or the same error. Returns how many columns were numeric.
 */
export function expectSameRead(bytes: Uint8Array, options: ReadOptions, where: string, paths: Paths): number {
  const fast = read(bytes, { ...options, ...paths.fast });
  const ordinary = read(bytes, { ...options, ...paths.ordinary });
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

export function csvFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return csvFiles(path);
    return entry.name.endsWith('.csv') ? [path] : [];
  });
}

/** Cells around the edges of the fast number scanner and of inferColumnType's rules. */
export const CELLS = [
  '0', '1', '-1', '-0', '0.0', '-0.0', '.5', '-.5', '5.', '-5.', '.', '-', '--1', '+1', '1.2.3', '00501', '0.001', '10',
  '123456789012345', '1234567890123456', '12345678901234567890', '0.123456789012345', '0.1234567890123456', '99999999999999.9',
  '1e5', '1E-3', '2.5e', '9007199254740993', '1e400', ' 7', '7 ', '\t3.25\t', ' ', '', 'NA', 'nan', '#N/A', '?', 'x',
  '"3.5"', '""', '" 4 "', '"1""2"', '"7" ', '"-0"', '0x10', '1,5', 'Infinity', '٣', '１',
];

export function numberTable(rand: () => number, index: number): { bytes: Uint8Array; options: ReadOptions } {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  // Mostly the usual delimiters, sometimes one that can be part of a number.
  const delimiter = rand() < 0.9 ? pick([',', ';', '\t', '|']) : pick(['.', '-', '5']);
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


/** One input to read both ways, and how a failure names it. */
export interface Read {
  bytes: Uint8Array;
  options: ReadOptions;
  where: string;
}

/** Every CSV fixture and example, each read with 4 sets of options. */
export function fixtureReads(): Read[] {
  const files = [...csvFiles('tests/fixtures'), ...csvFiles('public/examples')];
  return files.flatMap((file) => {
    const bytes = new Uint8Array(readFileSync(file));
    return [{}, { hasHeader: false }, { raggedRows: 'pad' as const }, { raggedRows: 'drop' as const }].map((options) => ({
      bytes,
      options: { fileName: file, ...options },
      where: `${file} ${JSON.stringify(options)}`,
    }));
  });
}

/** The reader's seeded fuzz corpus (readCsvFuzzCases). */
export function* fuzzReads(): Generator<Read> {
  const rand = rng(SEED);
  for (let k = 0; k < CASES; k++) yield { ...makeCase(rand, k), where: `fuzz seed ${SEED}, case ${k}` };
}

/** `count` seeded tables of awkward numeric cells (numberTable). */
export function* numberTableReads(count: number): Generator<Read> {
  const rand = rng(20261129);
  for (let k = 0; k < count; k++) {
    const { bytes, options } = numberTable(rand, k);
    yield { bytes, options, where: `numbers case ${k}: ${JSON.stringify(new TextDecoder().decode(bytes).slice(0, 300))} ${JSON.stringify(options)}` };
  }
}
