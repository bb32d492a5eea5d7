/**
 * Guards the reader's fast path: numeric columns built from the numbers the tokenizer read on its
 * pass (NumericGuess) must be the very columns the ordinary path (gather, then inferColumnType)
 * builds, bit for bit, with the same issues, on every fixture, on the fuzz corpus and on seeded
 * tables made of the cells where a number parser goes wrong. Both tokenizers are checked.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CASES, makeCase, rng, SEED } from './readCsvFuzzCases';
import { csvFiles, expectSameRead, numberTable, type Paths } from './readerEquivalence.testkit';

const TOKENIZERS: Array<[string, boolean]> = [
  ['the text tokenizer', false],
  ['the ASCII byte tokenizer', true],
];

describe.each(TOKENIZERS)('numbers read while tokenizing, with %s', (_, asciiPath) => {
  const paths: Paths = { fast: { asciiPath, numbersWhileTokenizing: true }, ordinary: { asciiPath, numbersWhileTokenizing: false } };
  it('give the same table as the ordinary path on every CSV fixture and example', () => {
    const files = [...csvFiles('tests/fixtures'), ...csvFiles('public/examples')];
    expect(files.length).toBeGreaterThan(30);
    let numeric = 0;
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(file));
      for (const options of [{}, { hasHeader: false }, { raggedRows: 'pad' as const }, { raggedRows: 'drop' as const }]) {
        numeric += expectSameRead(bytes, { fileName: file, ...options }, `${file} ${JSON.stringify(options)}`, paths);
      }
    }
    // The fixtures do exercise the fast path.
    expect(numeric).toBeGreaterThan(100);
  });

  it('give the same outcome on the reader fuzz corpus', () => {
    const rand = rng(SEED);
    for (let k = 0; k < CASES; k++) {
      const { bytes, options } = makeCase(rand, k);
      expectSameRead(bytes, options, `fuzz seed ${SEED}, case ${k}`, paths);
    }
  });

  it('give the same table on 3,000 seeded tables of awkward numeric cells', () => {
    const rand = rng(20261129);
    let numeric = 0;
    for (let k = 0; k < 3000; k++) {
      const { bytes, options } = numberTable(rand, k);
      numeric += expectSameRead(bytes, options, `numbers case ${k}: ${JSON.stringify(new TextDecoder().decode(bytes).slice(0, 300))} ${JSON.stringify(options)}`, paths);
    }
    expect(numeric).toBeGreaterThan(1000);
  });
});
