import { describe, expect, it } from 'vitest';
import { kFoldRows, splitRows } from './splitRows';

const labels = (counts: number[]) => Int32Array.from(counts.flatMap((n, k) => new Array<number>(n).fill(k)));

describe('splitRows', () => {
  it('holds out 20% by default, disjoint and complete, sorted', () => {
    const { train, test } = splitRows(100, { seed: 1 });
    expect(test.length).toBe(20);
    expect(train.length).toBe(80);
    const all = [...train, ...test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(test)).toEqual(Array.from(test).sort((a, b) => a - b));
  });

  it('is seeded: same seed, same split; other seed, other split', () => {
    expect(splitRows(50, { seed: 3 })).toEqual(splitRows(50, { seed: 3 }));
    expect(splitRows(50, { seed: 3 }).test).not.toEqual(splitRows(50, { seed: 4 }).test);
  });

  it('stratifies: each class keeps its share, and a 2-row class keeps one row in training', () => {
    const y = labels([60, 30, 8, 2]);
    const { train, test } = splitRows(y.length, { seed: 5, stratify: y });
    const count = (rows: Int32Array, k: number) => Array.from(rows).filter((r) => y[r] === k).length;
    expect(test.length).toBe(20);
    expect([0, 1, 2].map((k) => count(test, k))).toEqual([12, 6, 2]);
    expect(count(train, 3)).toBeGreaterThanOrEqual(1);
  });

  it('rejects bad fractions and tiny inputs with a sentence', () => {
    expect(() => splitRows(10, { seed: 1, testFraction: 1 })).toThrow('between 0 and 1');
    expect(() => splitRows(1, { seed: 1 })).toThrow('At least 2 rows');
  });
});

describe('kFoldRows', () => {
  it('puts every row in exactly one test fold, with balanced stratified folds', () => {
    const y = labels([50, 25, 10]);
    const folds = kFoldRows(y.length, 5, 7, y);
    expect(folds).toHaveLength(5);
    const seen = new Int32Array(y.length);
    for (const { train, test } of folds) {
      expect(train.length + test.length).toBe(y.length);
      for (const r of test) seen[r]++;
      expect(Array.from(test).filter((r) => y[r] === 2)).toHaveLength(2);
      expect(test.length).toBe(17);
    }
    expect(Array.from(seen).every((n) => n === 1)).toBe(true);
    expect(kFoldRows(y.length, 5, 7, y)).toEqual(folds);
  });

  it('rejects K outside 2..n', () => {
    expect(() => kFoldRows(3, 4, 1)).toThrow('K-fold needs 2 <= K <= 3 rows, got K = 4.');
  });
});
