/**
 * Guards the ASCII fast path of readCsv: reading a plain-ASCII file from its bytes (tokenizeAsciiCsv)
 * must give exactly what decoding it and reading the text gives, bit for bit, issues included,
 * on every fixture, on the fuzz corpus and on seeded tables built around what the byte tokenizer
 * handles itself (quotes, line breaks, columns that stop being numbers late) or hands back.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, readCsv, type ReadOptions } from './readCsv';
import { asciiTableReads, expectSameRead, fixtureReads, fuzzReads, numberTableReads, type Paths } from './readerEquivalence.testkit';
import { sniffDialect } from './sniffDialect';
import { isPlainAscii } from './isPlainAscii';
import { tokenizeAsciiCsv } from './tokenizeAsciiCsv';

const paths: Paths = { fast: { asciiPath: true }, ordinary: { asciiPath: false } };

/** Whether readCsv takes the byte tokenizer for this input (it hands a file back by returning null). */
function takesAsciiPath(bytes: Uint8Array, options: ReadOptions): boolean {
  if (options.encoding !== undefined || options.quoting === 'none' || bytes.length === 0 || !isPlainAscii(bytes)) return false;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const delimiter = sniffDialect(new TextDecoder().decode(bytes), options.delimiter).delimiter;
  const tokens = tokenizeAsciiCsv(bytes, { ...limits, delimiter, maxRecords: limits.maxRows + 1, guessNumbers: true });
  return tokens !== null;
}

describe('the ASCII byte tokenizer', () => {
  it('gives the same table as the text tokenizer on every CSV fixture and example', () => {
    const reads = fixtureReads();
    let taken = 0;
    for (const { bytes, options, where } of reads) {
      expectSameRead(bytes, options, where, paths);
      if (takesAsciiPath(bytes, options)) taken++;
    }
    // Most fixtures are well-formed ASCII; the rest are the bad inputs that the text path explains.
    expect(taken).toBeGreaterThan(60);
    expect(taken).toBeLessThan(reads.length);
  });

  it('gives the same outcome on the reader fuzz corpus', () => {
    for (const { bytes, options, where } of fuzzReads()) expectSameRead(bytes, options, where, paths);
  });

  it('gives the same table on 3,000 seeded tables of awkward numeric cells', () => {
    for (const { bytes, options, where } of numberTableReads(3000)) expectSameRead(bytes, options, where, paths);
  });

  it('gives the same outcome on 3,000 seeded tables of quotes, line breaks, late text and caps', () => {
    let taken = 0;
    for (const { bytes, options, where } of asciiTableReads(3000)) {
      expectSameRead(bytes, options, where, paths);
      if (takesAsciiPath(bytes, options)) taken++;
    }
    // Both paths are exercised: the byte tokenizer reads many, and hands many back.
    expect(taken).toBeGreaterThan(400);
    expect(taken).toBeLessThan(2700);
  });

  it('sniffs a file over 1 MB from its first bytes the way the text path sniffs the whole text', () => {
    for (const at of [(1 << 20) - 3, (1 << 20) - 1, 1 << 20, (1 << 20) + 1]) {
      const row = 'a;b,c\n';
      let text = 'x;y,z\n' + row.repeat(Math.floor(at / row.length));
      text = text.slice(0, at) + '"q;"";q",1\n' + row.repeat(20);
      expectSameRead(new TextEncoder().encode(text), { fileName: `big-${at}.csv` }, `quote near byte ${at}`, paths);
    }
  });

  it('keeps cells only for the columns that are not numbers', () => {
    const text = 'a,b,c,d\n' + Array.from({ length: 200 }, (_, i) => `${i},x${i % 3},${i / 4},${i < 150 ? i : 'late'}`).join('\n');
    const tokens = tokenizeAsciiCsv(new TextEncoder().encode(text), { ...DEFAULT_LIMITS, delimiter: ',', maxRecords: Infinity, guessNumbers: true });
    expect(tokens).not.toBeNull();
    expect(tokens!.stored.map((cells) => cells && { from: cells.from, count: cells.count })).toEqual([null, { from: 1, count: 200 }, null, { from: 151, count: 50 }]);
    // Column d's first 150 cells are found again from the record starts.
    const { table } = readCsv(new TextEncoder().encode(text), { fileName: 'late.csv' });
    expect(table.columns.map((c) => c.type)).toEqual(['numeric', 'categorical', 'numeric', 'categorical']);
    expect(readCsv(new TextEncoder().encode(text), { fileName: 'late.csv', asciiPath: false }).table).toEqual(table);
  });

  it('recognises plain ASCII at any alignment and finds a high byte or NUL anywhere', () => {
    const base = new TextEncoder().encode('abc,def\n'.repeat(5000));
    for (const offset of [0, 1, 2, 3]) {
      const view = base.subarray(offset, base.length - offset);
      expect(isPlainAscii(view)).toBe(true);
      for (const at of [0, 1, 5, 4096 * 4 + 3, view.length - 1]) {
        const copy = new Uint8Array(base);
        const marked = copy.subarray(offset, copy.length - offset);
        marked[at] = 0xc3;
        expect(isPlainAscii(marked), `0xC3 at ${at}, offset ${offset}`).toBe(false);
        marked[at] = 0;
        expect(isPlainAscii(marked), `NUL at ${at}, offset ${offset}`).toBe(false);
      }
    }
  });
});
