import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRng } from '../random';
import { blockDots } from './blockDots';
import { pearsonMatrix } from './pearson';

describe('blockDots', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('gives the dot products of a column with the later ones, for even and odd row counts', () => {
    const rng = createRng(2);
    const k = 7;
    const kernel = blockDots(k, 64);
    expect(kernel).not.toBeNull();
    for (const len of [64, 63, 5, 1]) {
      kernel!.columns.forEach((c) => c.forEach((_, i) => (c[i] = i < len ? rng.normal() * 1e3 : 0)));
      for (let a = 0; a < k; a++) {
        const products = kernel!.dots(a, len);
        for (let b = a + 1; b < k; b++) {
          let direct = 0;
          for (let i = 0; i < len; i++) direct += kernel!.columns[a][i] * kernel!.columns[b][i];
          expect(Math.abs(products[b] - direct)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(direct)));
        }
      }
    }
  });

  it('is null without WebAssembly, and the Pearson matrix keeps its plain loop', () => {
    const rng = createRng(4);
    const n = 3001;
    const series = [0, 1, 2].map((j) => {
      const values = Float64Array.from({ length: n }, (_, i) => (j === 1 && i % 17 === 0 ? NaN : rng.normal() + (j === 2 ? i * 1e-3 : 0)));
      return { values, missing: Uint8Array.from(values, (v) => (Number.isNaN(v) ? 1 : 0)) };
    });
    const withKernel = pearsonMatrix(series);
    vi.stubGlobal('WebAssembly', undefined);
    expect(blockDots(3, 64)).toBeNull();
    const plain = pearsonMatrix(series);
    withKernel.forEach((row, a) => row.forEach((r, b) => expect(Math.abs((r as number) - (plain[a][b] as number))).toBeLessThan(1e-12)));
  });
});
