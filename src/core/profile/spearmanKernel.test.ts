/**
 * The WebAssembly pair loops give the same doubles as the JavaScript ones (spearmanPairs with and
 * without the kernel), on columns with ties and gaps, over more rows than one call takes.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { argsortPresent } from './argsortFloat64';
import { rankColumn, type RankedColumn } from './rankColumn';
import { pairsWithGaps, spearmanPairs } from './spearman';
import { KERNEL_ROWS, spearmanKernel } from './spearmanKernel';

function ranked(values: Float64Array): RankedColumn {
  const n = values.length;
  const sorted = new Float64Array(n);
  const order = new Int32Array(n);
  const { count } = argsortPresent(values, new Uint8Array(n), sorted, order);
  return rankColumn(sorted.subarray(0, count), order.subarray(0, count), n);
}

/** A column of `rows` values: `levels` distinct values (ties when small), NaN at a share `gaps` of rows. */
function column(rng: () => number, rows: number, levels: number, gaps: number): Float64Array {
  return Float64Array.from({ length: rows }, () => (rng() < gaps ? NaN : Math.floor(rng() * levels) / 7));
}

describe('spearmanKernel', () => {
  it('exists here (Node has WebAssembly), so the comparison below is not vacuous', () => {
    expect(spearmanKernel(1000)).not.toBeNull();
    expect(spearmanKernel(2 ** 23)).toBeNull();
  });

  for (const [rows, seed] of [
    [1, 1],
    [37, 2],
    [KERNEL_ROWS, 3],
    [2 * KERNEL_ROWS + 123, 4],
    [70_000, 5],
    // Sums past 2^53 round, so only the same partial sums in the same order give the same doubles.
    [1_000_000, 6],
  ] as const) {
    it(`gives the JavaScript loops' doubles on ${rows} rows`, () => {
      const random = createRng(seed);
      const rng = () => random.next();
      const columns = [
        column(rng, rows, 1e9, 0.05),
        column(rng, rows, 5, 0.2),
        column(rng, rows, 1e9, 0),
        column(rng, rows, 40, 0),
        column(rng, rows, 3, 0.5),
        column(rng, rows, 1e9, 0.999),
      ].map(ranked);
      const pairs = pairsWithGaps(columns);
      expect(pairs.length).toBeGreaterThan(5);
      const withKernel = spearmanPairs(columns, pairs);
      const withLoops = spearmanPairs(columns, pairs, false);
      expect(withKernel.map((v) => (v === null ? 'null' : v.toString()))).toEqual(withLoops.map((v) => (v === null ? 'null' : v.toString())));
      if (rows >= KERNEL_ROWS) expect(withKernel.filter((v) => v !== null).length).toBeGreaterThan(5);
    });
  }
});
