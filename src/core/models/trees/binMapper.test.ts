/**
 * Quantile binning: scikit-learn's edges (midpoints between few distinct values, "midpoint"
 * percentiles for many), the missing bin, and agreement between bins and raw thresholds.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../random';
import { binRows, binThreshold, fitBinMapper, MISSING_BIN } from './binMapper';

const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

/** numpy.percentile(values, q, method="midpoint") at linspace(0, 100, bins + 1)[1:-1], deduplicated. */
function referenceEdges(values: number[], bins: number): number[] {
  const s = Float64Array.from(values.map(Math.fround)).sort();
  const out: number[] = [];
  for (let q = 1; q < bins; q++) {
    const pos = (q / bins) * (s.length - 1);
    const v = (s[Math.floor(pos)] + s[Math.ceil(pos)]) / 2;
    if (out.length === 0 || v > out[out.length - 1]) out.push(v);
  }
  return out;
}

describe('fitBinMapper', () => {
  it('puts edges halfway between distinct values when there are few of them', () => {
    const X = Float32Array.of(3, -1, 3, 0.5, -1, NaN, 10, -0, 0);
    const mapper = fitBinMapper(X, 1, all(9), 255, createRng(0));
    // -0 and 0 are one value.
    expect(Array.from(mapper.edges[0])).toEqual([-0.5, 0.25, 1.75, 6.5]);
    expect(mapper.binCounts[0]).toBe(5);
    expect(Array.from(binRows(X, 1, all(9), mapper))).toEqual([3, 0, 3, 2, 0, MISSING_BIN, 4, 1, 1]);
  });

  it('uses midpoint percentiles when there are more distinct values than bins (radix-sorted, negatives too)', () => {
    const rng = createRng(1);
    const values = Array.from({ length: 3000 }, () => rng.normal() * 1000);
    const X = Float32Array.from(values);
    for (const bins of [255, 16]) {
      const mapper = fitBinMapper(X, 1, all(3000), bins, createRng(0));
      expect(Array.from(mapper.edges[0])).toEqual(referenceEdges(values, bins));
      const counts = new Array(bins).fill(0);
      binRows(X, 1, all(3000), mapper).forEach((b) => counts[b]++);
      // Quantile bins hold about the same number of rows each.
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(2);
    }
  });

  it('bins every non-finite value as missing and keeps "x <= threshold" equal to "bin <= b"', () => {
    const rng = createRng(2);
    const rows = 2000;
    const cols = 3;
    const X = new Float32Array(rows * cols);
    for (let i = 0; i < X.length; i++) {
      const u = rng.next();
      X[i] = u < 0.05 ? NaN : u < 0.07 ? Infinity : u < 0.09 ? -Infinity : i % cols === 0 ? Math.round(rng.normal() * 3) : rng.normal();
    }
    const mapper = fitBinMapper(X, cols, all(rows), 255, createRng(0));
    const bins = binRows(X, cols, all(rows), mapper);
    let wrong = 0;
    for (let f = 0; f < cols; f++) {
      for (let r = 0; r < rows; r++) {
        const x = X[r * cols + f];
        const bin = bins[f * rows + r];
        if (!Number.isFinite(x)) {
          if (bin !== MISSING_BIN) wrong++;
          continue;
        }
        for (let b = 0; b < mapper.binCounts[f]; b++) if (x <= binThreshold(mapper, f, b) !== bin <= b) wrong++;
      }
    }
    expect(wrong).toBe(0);
  });

  it('finds edges from a seeded sample of 200,000 rows on larger data', () => {
    const rows = 250_000;
    const X = Float32Array.from({ length: rows }, (_, i) => (i * 7919) % rows);
    const a = fitBinMapper(X, 1, all(rows), 255, createRng(0));
    const b = fitBinMapper(X, 1, all(rows), 255, createRng(0));
    const c = fitBinMapper(X, 1, all(rows), 255, createRng(1));
    expect(Array.from(a.edges[0])).toEqual(Array.from(b.edges[0]));
    expect(Array.from(a.edges[0])).not.toEqual(Array.from(c.edges[0]));
    expect(a.edges[0].length).toBe(254);
    // Near the true quantiles of 0..249999.
    a.edges[0].forEach((e, q) => expect(Math.abs(e - ((q + 1) / 255) * rows)).toBeLessThan(1500));
  });

  it('handles an all-missing or constant column, and refuses a bad bin count', () => {
    const X = Float32Array.of(NaN, 4, NaN, 4, NaN, 4);
    const mapper = fitBinMapper(X, 2, all(3), 255, createRng(0));
    expect(Array.from(mapper.binCounts)).toEqual([1, 1]);
    expect(Array.from(binRows(X, 2, all(3), mapper))).toEqual([MISSING_BIN, MISSING_BIN, MISSING_BIN, 0, 0, 0]);
    expect(() => fitBinMapper(X, 2, all(3), 256, createRng(0))).toThrow(/bins/);
  });
});
