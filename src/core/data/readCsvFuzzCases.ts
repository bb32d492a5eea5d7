/**
 * The seeded input generator of the CSV reader's fuzz test, shared with the test that guards
 * that numbers read while tokenizing give the same table as the ordinary path.
 */
import type { ReadLimits, ReadOptions } from './readCsv';
import { COLUMN_TYPES } from './table';

/** mulberry32: a tiny seeded generator, so every run draws the same cases. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SEED = 0x5eed;
export const CASES = 600;
const MAX_BYTES = 64 * 1024;

/** Pieces that stress a CSV reader: quoting, delimiters, line ends, numbers, dates, missing tokens, odd unicode, hostile names. */
const TOKENS = [
  'a', 'Zz', '0', '00501', '-1.5', '1e400', '2310009E13', '1,234', '3,14', 'NA', 'null', '', ' ', 'TRUE', 'no',
  '2020-01-02', '02/01/2014', '2020-01-02T00:00', '"', '""', '"x"', '"a,b"', '"line\nbreak"', ',', ';', '\t', '|', '\r', '\n', '\r\n',
  'é', '€', '😀', '\u0000', '\ufeff', '\ud800', '__proto__', 'constructor', 'toString', '=1+1', '<img src=x onerror=alert(1)>', '\\', "'",
];
const DELIMITERS = [',', ';', '\t', '|'];
const ENCODINGS = [undefined, undefined, undefined, 'utf-8', 'windows-1252', 'utf-16le', 'shift_jis', 'no-such-encoding'];

export interface Case {
  bytes: Uint8Array;
  options: ReadOptions;
}

export function makeCase(rand: () => number, index: number): Case {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const kind = index % 4;
  let text = '';
  if (kind === 0 || kind === 1) {
    // Grammar-ish: a table of random cells, some rows ragged, some lines broken.
    const delimiter = pick(DELIMITERS);
    const cols = 1 + Math.floor(rand() * (rand() < 0.1 ? 60 : 6));
    const rows = Math.floor(rand() * (rand() < 0.2 ? 2000 : 40));
    for (let r = 0; r <= rows && text.length < MAX_BYTES / 2; r++) {
      const width = rand() < 0.1 ? Math.max(1, cols + Math.floor(rand() * 5) - 2) : cols;
      const cells = Array.from({ length: width }, () => Array.from({ length: Math.floor(rand() * 3) }, () => pick(TOKENS)).join(''));
      text += cells.join(delimiter) + pick(['\n', '\n', '\r\n', '\r', '']);
    }
  } else if (kind === 2) {
    // A long run of one troublesome piece: deep quoting, a giant field, commas only, blank lines.
    const piece = pick(['"', '""', ',', '\n', 'x', '"a""', '\r\n\r\n', ',"', '😀']);
    text = 'h1,h2\n' + piece.repeat(1 + Math.floor(rand() * (MAX_BYTES / 4)));
  }
  let bytes: Uint8Array;
  if (kind === 3) {
    // Raw bytes: binary, NULs, invalid UTF-8, stray BOMs and magic numbers.
    bytes = new Uint8Array(Math.floor(rand() * MAX_BYTES));
    const special = [0x00, 0x22, 0x2c, 0x0a, 0x0d, 0xef, 0xbb, 0xbf, 0xff, 0xfe, 0xc3, 0x80, 0x50, 0x4b];
    for (let i = 0; i < bytes.length; i++) bytes[i] = rand() < 0.4 ? pick(special) : 0x20 + Math.floor(rand() * 0x5f);
  } else {
    const encode = rand();
    if (encode < 0.15) {
      // UTF-16LE, with or without its BOM.
      const units = new Uint8Array(text.length * 2 + 2);
      const withBom = rand() < 0.5;
      if (withBom) units.set([0xff, 0xfe]);
      for (let i = 0; i < text.length; i++) {
        units[(withBom ? 2 : 0) + 2 * i] = text.charCodeAt(i) & 0xff;
        units[(withBom ? 2 : 0) + 2 * i + 1] = text.charCodeAt(i) >> 8;
      }
      bytes = units.subarray(0, (withBom ? 2 : 0) + text.length * 2);
    } else {
      bytes = new TextEncoder().encode((encode < 0.25 ? '\ufeff' : '') + text);
    }
    // Mutations: flip, drop or insert a few bytes.
    if (rand() < 0.5 && bytes.length > 0) {
      const out = Array.from(bytes);
      for (let m = 0; m < 1 + Math.floor(rand() * 8); m++) {
        const at = Math.floor(rand() * out.length);
        const roll = rand();
        if (roll < 0.33) out[at] = Math.floor(rand() * 256);
        else if (roll < 0.66) out.splice(at, 1);
        else out.splice(at, 0, pick([0x22, 0x2c, 0x0a, 0x0d, 0x00, 0xff]));
      }
      bytes = new Uint8Array(out);
    }
  }
  const limits: Partial<ReadLimits> = {};
  if (rand() < 0.3) {
    // Tight caps, so every cap is hit somewhere in the run.
    const which = pick(['maxBytes', 'maxColumns', 'maxRows', 'maxFieldLength', 'maxCells'] as const);
    limits[which] = 1 + Math.floor(rand() * 50);
  }
  const options: ReadOptions = {
    fileName: `fuzz-${index}.csv`,
    delimiter: rand() < 0.2 ? String.fromCharCode(0x21 + Math.floor(rand() * 0x5d)) : undefined,
    hasHeader: rand() < 0.2 ? rand() < 0.5 : undefined,
    encoding: pick(ENCODINGS),
    raggedRows: pick(['error', 'pad', 'drop'] as const),
    quoting: rand() < 0.15 ? 'none' : 'rfc',
    typeOverrides: rand() < 0.2 ? [{ column: Math.floor(rand() * 4), type: pick(COLUMN_TYPES) }] : undefined,
    limits,
  };
  return { bytes, options };
}
