/**
 * Guards the reader's fast path: numeric columns built from the numbers the tokenizer read on its
 * pass (NumericGuess) must be the very columns the ordinary path (gather, then inferColumnType)
 * builds, bit for bit, with the same issues, on every fixture, on the fuzz corpus and on seeded
 * tables made of the cells where a number parser goes wrong. Both tokenizers are checked.
 */
import { describe, expect, it } from 'vitest';
import { expectSameRead, fixtureReads, fuzzReads, numberTableReads, type Paths } from './readerEquivalence.testkit';

const TOKENIZERS: Array<[string, boolean]> = [
  ['the text tokenizer', false],
  ['the ASCII byte tokenizer', true],
];

describe.each(TOKENIZERS)('numbers read while tokenizing, with %s', (_, asciiPath) => {
  const paths: Paths = { fast: { asciiPath, numbersWhileTokenizing: true }, ordinary: { asciiPath, numbersWhileTokenizing: false } };
  it('give the same table as the ordinary path on every CSV fixture and example', () => {
    const reads = fixtureReads();
    expect(reads.length).toBeGreaterThan(120);
    let numeric = 0;
    for (const { bytes, options, where } of reads) numeric += expectSameRead(bytes, options, where, paths);
    // The fixtures do exercise the fast path.
    expect(numeric).toBeGreaterThan(100);
  });

  it('give the same outcome on the reader fuzz corpus', () => {
    for (const { bytes, options, where } of fuzzReads()) expectSameRead(bytes, options, where, paths);
  });

  it('give the same table on 3,000 seeded tables of awkward numeric cells', () => {
    let numeric = 0;
    for (const { bytes, options, where } of numberTableReads(3000)) numeric += expectSameRead(bytes, options, where, paths);
    expect(numeric).toBeGreaterThan(1000);
  });
});
