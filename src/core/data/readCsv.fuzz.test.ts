/**
 * Seeded, bounded fuzzing of the CSV reader (reliability.md §5.5): random and mutated inputs up
 * to 64 KB, in every encoding the reader detects, with random options and tight limits. For each
 * one the reader either returns a consistent table or throws an ImportError whose issue is a
 * structured error naming the file; it never throws anything else, never takes long, and never
 * touches Object.prototype. The generator is seeded, so a failure names an input that can be
 * replayed (its seed and index are in the assertion message).
 */
import { describe, expect, it } from 'vitest';
import { ImportError } from './importIssue';
import { readCsv } from './readCsv';
import { CASES, makeCase, rng, SEED } from './readCsvFuzzCases';
import { isCoded } from './table';

describe('readCsv fuzz (seeded, bounded)', () => {
  it(`${CASES} random and mutated inputs up to 64 KB: a consistent table or a structured ImportError, quickly`, () => {
    const rand = rng(SEED);
    const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    const outcomes = new Map<string, number>();
    const started = performance.now();
    for (let k = 0; k < CASES; k++) {
      const { bytes, options } = makeCase(rand, k);
      const where = `seed ${SEED}, case ${k} (${bytes.length} bytes, ${JSON.stringify({ ...options, limits: options.limits })})`;
      const t0 = performance.now();
      try {
        const { table, issues, dialect } = readCsv(bytes, options);
        outcomes.set('parsed', (outcomes.get('parsed') ?? 0) + 1);
        expect(Number.isInteger(table.rowCount) && table.rowCount >= 0, where).toBe(true);
        expect(new Set(table.columns.map((c) => c.name)).size, where).toBe(table.columns.length);
        for (const c of table.columns) {
          expect(c.missing.length, where).toBe(table.rowCount);
          if (isCoded(c.type)) {
            expect(c.codes?.length, where).toBe(table.rowCount);
            expect(c.categories, where).toBeDefined();
          } else {
            expect(c.values?.length, where).toBe(table.rowCount);
          }
        }
        expect(dialect.delimiter.length, where).toBe(1);
        for (const issue of issues) {
          expect(['warning', 'info'], where).toContain(issue.severity);
          expect(issue.message.length, where).toBeGreaterThan(10);
          if (issue.line !== undefined) expect(Number.isInteger(issue.line) && issue.line >= 1, where).toBe(true);
        }
      } catch (error) {
        if (!(error instanceof ImportError)) throw new Error(`${where} threw ${String(error)}`, { cause: error });
        outcomes.set(error.issue.code, (outcomes.get(error.issue.code) ?? 0) + 1);
        expect(error.issue.severity, where).toBe('error');
        expect(error.issue.code, where).toMatch(/^[a-z0-9-]+$/);
        // A refused delimiter is about the person's choice, not the file: the only message that need not name it.
        if (error.issue.code !== 'bad-delimiter') expect(error.message, where).toContain(options.fileName);
        if (error.issue.line !== undefined) expect(Number.isInteger(error.issue.line) && error.issue.line >= 1, where).toBe(true);
        if (error.issue.snippet !== undefined) expect(error.issue.snippet.length, where).toBeLessThanOrEqual(120);
      }
      expect(performance.now() - t0, where).toBeLessThan(1000);
    }
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // The run reaches both ends: real tables and the reader's refusals, caps included.
    expect(outcomes.get('parsed') ?? 0).toBeGreaterThan(CASES / 5);
    for (const code of ['binary-file', 'too-many-columns', 'too-many-rows', 'field-too-long']) expect(outcomes.has(code), `${code} in ${JSON.stringify([...outcomes])}`).toBe(true);
    expect(performance.now() - started).toBeLessThan(30_000);
  });
});
