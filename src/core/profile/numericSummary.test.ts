/** The sorted-array statistics against the plain loops they replace (bin by bin, value by value). */
import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { histogramSorted, summarizeSorted } from './numericSummary';

/** The walk the bisection replaced: each value goes to the last bin whose edge it reaches. */
function walkedCounts(sorted: Float64Array, edges: number[]): number[] {
  const bins = edges.length - 1;
  const counts = new Array<number>(bins).fill(0);
  let bin = 0;
  for (const v of sorted) {
    if (!Number.isFinite(v)) continue;
    while (bin < bins - 1 && v >= edges[bin + 1]) bin++;
    counts[bin]++;
  }
  return counts;
}

describe('histogramSorted', () => {
  it('counts like a walk through the bins: values on edges, ties, empty bins, infinities, a constant', () => {
    const rng = createRng(11);
    const cases = [
      Array.from({ length: 3000 }, () => Math.round(rng.normal() * 4) / 2),
      Array.from({ length: 3000 }, () => rng.int(21)),
      [...Array.from({ length: 500 }, () => rng.next()), 1e6, -1e6],
      [-Infinity, 1, 2, 2, 3, Infinity, Infinity],
      [5, 5, 5],
      [0.1, 0.1 + 1e-16, 0.3],
    ];
    for (const values of cases) {
      const sorted = Float64Array.from(values).sort();
      for (const bins of [1, 3, 20]) {
        const { edges, counts } = histogramSorted(sorted, bins);
        expect(counts).toEqual(walkedCounts(sorted, edges));
      }
    }
  });
});

describe('summarizeSorted', () => {
  it('counts distinct values and zeros (-0 as 0) as a comparison of neighbours does', () => {
    const values = Float64Array.from([-Infinity, -2, -0, -0, 0, 0, 0, 1e-300, 3, 3, Infinity]);
    const s = summarizeSorted(values, values.reduce((a, b) => a + b, 0));
    expect(s.zeros).toBe(5);
    expect(s.unique).toBe(6);
    expect(summarizeSorted(Float64Array.from([1, 2]), 3)).toMatchObject({ zeros: 0, unique: 2 });
  });
});
