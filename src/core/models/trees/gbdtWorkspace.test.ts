/**
 * The WebAssembly kernels against the TypeScript ones: bit-identical histograms, partitions
 * and whole trees, so a fit gives the same model wherever WebAssembly is or is not available.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../random';
import { binRows, fitBinMapper, MISSING_BIN } from './binMapper';
import { GbdtGrower } from './gbdtGrower';
import { binaryLogLoss, squaredError } from './gbdtLoss';
import { transposeBins } from './gbdtHistogram';
import { createWorkspace, type GbdtWorkspace } from './gbdtWorkspace';

const n = 3000;
const cols = 5;

/** Every engine loaded with the same binned data and gradients. */
function pair(seed: number) {
  const rng = createRng(seed);
  const X = Float32Array.from({ length: n * cols }, (_, i) => (rng.next() < 0.05 ? NaN : i % cols === 4 ? rng.int(3) : rng.normal()));
  const ids = Int32Array.from({ length: n }, (_, i) => i);
  const mapper = fitBinMapper(X, cols, ids, 255, createRng(0));
  const engines = [createWorkspace(n, cols, 2), createWorkspace(n, cols, 2, 'wasm'), createWorkspace(n, cols, 2, 'js')];
  for (const ws of engines) ws.binTrainingRows(X, cols, ids, mapper);
  const grad = createRng(seed + 1);
  for (let i = 0; i < 2 * n; i++) {
    const g = grad.normal();
    const h = grad.next();
    for (const ws of engines) {
      ws.g[i] = g;
      ws.h[i] = h;
    }
  }
  return { engines, mapper, X, ids };
}

function shuffleIdx(ws: GbdtWorkspace, seed: number): void {
  ws.idx.set(Int32Array.from({ length: n }, (_, i) => i));
  createRng(seed).shuffle(ws.idx);
}

describe('GbdtWorkspace', () => {
  it('runs WebAssembly SIMD kernels in Node and falls back to plain WebAssembly or TypeScript when asked', () => {
    const { engines } = pair(1);
    expect(engines.map((ws) => ws.engine)).toEqual(['wasm-simd', 'wasm', 'js']);
  });

  it('bins the training rows like binRows in every engine, column- and row-major', () => {
    const { engines, mapper, X, ids } = pair(7);
    // Rows in a different order than X's, as after a validation split.
    const order = createRng(8).shuffle(Int32Array.from(ids));
    const reference = binRows(X, cols, order, mapper);
    const rowMajor = new Uint8Array(n * cols);
    transposeBins(reference, n, cols, rowMajor);
    for (const ws of engines) {
      ws.binTrainingRows(X, cols, order, mapper);
      expect(Array.from(ws.colBins)).toEqual(Array.from(reference));
      expect(Array.from(ws.rowBins)).toEqual(Array.from(rowMajor));
    }
    expect(reference.includes(MISSING_BIN)).toBe(true);
  });

  it('builds identical histograms in every engine, with and without hessians', () => {
    const { engines } = pair(2);
    engines.forEach((ws) => shuffleIdx(ws, 3));
    for (const [k, start, end, constant] of [
      [0, 0, n, false],
      [1, 100, 900, false],
      [1, 5, 6, true],
      [0, 17, 2500, true],
    ] as const) {
      const [a, ...others] = engines.map((ws) => {
        ws.buildHistogram(k, start, end, constant);
        return Array.from(ws.hist);
      });
      for (const other of others) expect(other).toEqual(a);
      // Counts add up to the rows, per feature.
      let total = 0;
      for (let bin = 0; bin < 256; bin++) total += a[bin * 3 + 2];
      expect(total).toBe(end - start);
    }
  });

  it('partitions identically, stably, and sends missing values where told', () => {
    const { engines } = pair(4);
    for (const [start, end, feature, bin, missingLeft] of [
      [0, n, 0, 100, false],
      [10, 2000, 4, 1, true],
      [500, 501, 2, 0, true],
      [0, n, 1, 254, false],
    ] as const) {
      const results = engines.map((ws) => {
        shuffleIdx(ws, 5);
        const before = Array.from(ws.idx.subarray(start, end));
        const mid = ws.partition(start, end, feature, bin, missingLeft);
        const goesLeft = (row: number) => {
          const b = ws.colBins[feature * n + row];
          return b === MISSING_BIN ? missingLeft : b <= bin;
        };
        // Stable: each side keeps the rows' previous order.
        expect(Array.from(ws.idx.subarray(start, mid))).toEqual(before.filter(goesLeft));
        expect(Array.from(ws.idx.subarray(mid, end))).toEqual(before.filter((r) => !goesLeft(r)));
        return Array.from(ws.idx);
      });
      expect(results[1]).toEqual(results[0]);
      expect(results[2]).toEqual(results[0]);
    }
  });

  it('computes identical binary log-loss gradients, hessians and loss in every engine', () => {
    const { engines } = pair(9);
    const rng = createRng(10);
    // Ordinary scores, and ones where e^-z overflows or needs Math.exp (|z| >= 700).
    const raw = Float64Array.from({ length: 2 * n }, (_, i) => (i < 6 ? [-800, -705, 700, 750, -40, 40][i] : rng.normal() * 4));
    const y = Float64Array.from({ length: n }, () => rng.int(2));
    const results = engines.map((ws) => {
      ws.raw.set(raw);
      ws.y.set(y);
      const loss = ws.gradients(binaryLogLoss);
      return { loss, g: Array.from(ws.g.subarray(0, n)), h: Array.from(ws.h.subarray(0, n)) };
    });
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    expect(results[0].loss).toBeCloseTo(binaryLogLoss.loss(y, raw.subarray(0, n)), 12);
    // A loss without a kernel runs its own TypeScript method.
    const ws = engines[0];
    expect(ws.gradients(squaredError)).toBe(squaredError.gradients(ws.y, ws.raw.subarray(0, n), new Float32Array(n), new Float32Array(n)));
  });

  it('grows the same trees in every engine, with and without constant hessians', () => {
    const { engines, mapper } = pair(6);
    const options = { maxLeafNodes: 15, maxDepth: 0, minSamplesLeaf: 20, l2: 0, learningRate: 0.1, minHessian: 1e-3 };
    const [a, ...others] = engines.map((ws) => {
      const raw = new Float64Array(n);
      const trees = [false, true].flatMap((constantHessian) => {
        const grower = new GbdtGrower(ws, n, cols, mapper, options, constantHessian);
        return [grower.grow(0, raw), grower.grow(1, raw)];
      });
      return { trees: JSON.stringify(trees.map((t) => [Array.from(t.feature), Array.from(t.threshold), Array.from(t.value)])), raw: Array.from(raw) };
    });
    for (const b of others) {
      expect(b.trees).toBe(a.trees);
      expect(b.raw).toEqual(a.raw);
    }
  });
});
