/**
 * The boosting fit's helper thread in Node: it really takes histogram halves, and what it
 * sums is bit-identical to summing them in turn, so a model never depends on whether (or when)
 * the helper started.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRng } from '../core/random';
import { fitBinMapper } from '../core/models/trees/binMapper';
import { GbdtGrower } from '../core/models/trees/gbdtGrower';
import { createWorkspace, SPLIT_ROWS, type GbdtWorkspace } from '../core/models/trees/gbdtWorkspace';
import { histGradientBoosting } from '../core/models/trees/histGradientBoosting';
import { setKernelThreadSpawner } from '../core/models/trees/kernelThread';
import { useNodeKernelThreads } from './kernelThreads';

const n = 60_000;
const cols = 6;

function data(seed: number) {
  const rng = createRng(seed);
  const X = Float32Array.from({ length: n * cols }, (_, i) => (rng.next() < 0.03 ? NaN : i % cols === 5 ? rng.int(4) : rng.normal()));
  const y = Int32Array.from({ length: n }, (_, r) => (X[r * cols] + 0.5 * (X[r * cols + 5] || 0) + rng.normal() > 0.5 ? 1 : 0));
  return { X, y };
}

function loaded(ws: GbdtWorkspace, X: Float32Array): ReturnType<typeof fitBinMapper> {
  const ids = Int32Array.from({ length: n }, (_, i) => i);
  const mapper = fitBinMapper(X, cols, ids, 255, createRng(0));
  ws.binTrainingRows(X, cols, ids, mapper);
  const rng = createRng(3);
  for (let i = 0; i < n; i++) {
    ws.g[i] = rng.normal();
    ws.h[i] = rng.next();
  }
  return mapper;
}

afterEach(() => setKernelThreadSpawner(null));

describe('Node kernel threads', () => {
  it('hands histogram halves to a helper thread and sums the same bits as one thread', async () => {
    const { X } = data(1);
    setKernelThreadSpawner(null);
    const single = createWorkspace(n, cols, 1);
    useNodeKernelThreads();
    const threaded = createWorkspace(n, cols, 1);
    try {
      const mapper = loaded(single, X);
      loaded(threaded, X);
      // The helper starts in the background; until it is ready the fit sums both halves itself.
      const started = Date.now();
      while (threaded.helperJobs() === 0 && Date.now() - started < 20_000) {
        threaded.idx.forEach((_, i, idx) => (idx[i] = i));
        threaded.buildHistogram(0, 0, n, false);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(threaded.helperJobs()).toBeGreaterThan(0);
      for (const [start, end, constant] of [
        [0, n, false],
        [100, 100 + SPLIT_ROWS, true],
        [7, n - 3, true],
      ] as const) {
        const sums = [single, threaded].map((ws) => {
          ws.idx.forEach((_, i, idx) => (idx[i] = i));
          ws.buildHistogram(0, start, end, constant);
          return Array.from(ws.hist);
        });
        expect(sums[1]).toEqual(sums[0]);
      }
      // Whichever thread takes a half first runs it, so grow trees until the helper has taken part.
      const options = { maxLeafNodes: 31, maxDepth: 0, minSamplesLeaf: 20, l2: 0, learningRate: 0.1, minHessian: 1e-3 };
      const jobsBefore = threaded.helperJobs();
      for (let attempt = 0; attempt < 50 && threaded.helperJobs() === jobsBefore; attempt++) {
        const trees = [single, threaded].map((ws) => {
          const tree = new GbdtGrower(ws, n, cols, mapper, options, false).grow(0, new Float64Array(n));
          return JSON.stringify([Array.from(tree.feature), Array.from(tree.threshold), Array.from(tree.value)]);
        });
        expect(trees[1]).toBe(trees[0]);
      }
      expect(threaded.helperJobs()).toBeGreaterThan(jobsBefore);
    } finally {
      single.close();
      threaded.close();
    }
  }, 60_000);

  it('fits the same boosting model with and without the helper', async () => {
    const { X, y } = data(2);
    const params = { ...histGradientBoosting.defaults, maxIter: 15 };
    const fit = () => histGradientBoosting.fit(X, y, { rows: n, cols, classes: 2 }, params, { seed: 4 });
    setKernelThreadSpawner(null);
    const alone = JSON.stringify((await fit()).toJSON());
    useNodeKernelThreads();
    const helped = JSON.stringify((await fit()).toJSON());
    expect(helped).toBe(alone);
  }, 60_000);
});
