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

export type Outcome = { result: ReadResult } | { error: unknown };

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
  return expectSameOutcome(read(bytes, { ...options, ...paths.fast }), read(bytes, { ...options, ...paths.ordinary }), where);
}

/** The outcome of reading with readCsv, or the error it threw. */
export function read(bytes: Uint8Array, options: ReadOptions): Outcome {
  return attempt(() => readCsv(bytes, options));
}

export function attempt(reading: () => ReadResult): Outcome {
  try {
    return { result: reading() };
  } catch (error) {
    return { error };
  }
}

/** expectSameRead's comparison of two outcomes, the fast path's first. */
export function expectSameOutcome(fast: Outcome, ordinary: Outcome, where: string): number {
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

const TEXT_CELLS = ['abc', 'x y', '"q"', '"a,b"', '"x""y"', '"two\nlines"', '"cr\rx"', '"crlf\r\nx"', '""', ' ', 'x"y', '"a" ', '"a"b', 'NA', 'true', '2024-01-05', '"3"'];

/** A table whose columns hold numbers up to a random row and other cells after it, in random line endings. */
export function asciiTable(rand: () => number, index: number): { bytes: Uint8Array; options: ReadOptions } {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const delimiter = rand() < 0.9 ? pick([',', ';', '\t', '|']) : pick(['.', '-', '1']);
  const cols = 1 + Math.floor(rand() * 6);
  const rows = Math.floor(rand() * 40);
  const turn = Array.from({ length: cols }, () => (rand() < 0.5 ? Infinity : Math.floor(rand() * (rows + 1))));
  const numbers = ['1', '-2.5', '10', '', '0.125', '7'];
  const lines: string[] = [];
  if (rand() < 0.8) lines.push(Array.from({ length: cols }, (_, j) => (rand() < 0.1 ? pick(TEXT_CELLS) : `c${j}`)).join(delimiter));
  for (let r = 0; r < rows; r++) {
    const width = rand() < 0.03 ? Math.max(1, cols + Math.floor(rand() * 3) - 1) : cols;
    lines.push(Array.from({ length: width }, (_, j) => (r >= turn[j % cols] ? pick(rand() < 0.9 ? TEXT_CELLS : CELLS) : pick(numbers))).join(delimiter));
  }
  if (rand() < 0.05) lines.splice(1 + Math.floor(rand() * lines.length), 0, '');
  const eol = () => pick(rand() < 0.9 ? ['\n'] : ['\n', '\r\n', '\r']);
  const fixed = pick(['\n', '\r\n', '\r']);
  let text = lines.map((line, i) => (i === 0 ? line : (rand() < 0.9 ? fixed : eol()) + line)).join('');
  if (rand() < 0.5) text += fixed;
  if (rand() < 0.1) text += fixed + fixed;
  const options: ReadOptions = {
    fileName: `ascii-${index}.csv`,
    delimiter: rand() < 0.7 ? delimiter : undefined,
    hasHeader: rand() < 0.3 ? rand() < 0.5 : undefined,
    raggedRows: pick(['error', 'pad', 'drop'] as const),
    typeOverrides: rand() < 0.1 ? [{ column: 0, type: pick(['numeric', 'categorical', 'text'] as const) }] : undefined,
  };
  const limit = rand();
  if (limit < 0.05) options.limits = { maxFieldLength: 2 + Math.floor(rand() * 8) };
  else if (limit < 0.1) options.limits = { maxColumns: 1 + Math.floor(rand() * 5) };
  else if (limit < 0.15) options.limits = { maxRows: Math.floor(rand() * 40) };
  else if (limit < 0.2) options.limits = { maxCells: Math.floor(rand() * 150) };
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

/** `count` seeded tables of quotes, line breaks, columns that turn to text late, and caps (asciiTable). */
export function* asciiTableReads(count: number): Generator<Read> {
  const rand = rng(20261130);
  for (let k = 0; k < count; k++) {
    const { bytes, options } = asciiTable(rand, k);
    yield { bytes, options, where: `ascii case ${k}: ${JSON.stringify(new TextDecoder().decode(bytes).slice(0, 400))} ${JSON.stringify(options)}` };
  }
}
