/**
 * k-means against scikit-learn 1.2.1's KMeans(algorithm='lloyd') on the same float32 inputs,
 * plus the cluster-count search, model.json, bad inputs, duplicates and Stop. The fixture comes from
 *   /usr/bin/python3 tests/fixtures/models/make_kmeans_fixtures.py
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JsonShapeError } from '../bundle/jsonShape';
import { chooseClusterCount } from './chooseClusterCount';
import { fitKMeans, kMeans, type KMeansModel } from './kMeans';
import { absoluteTolerance, lloyd } from './kMeansLloyd';
import type { TrainProgress } from './types';

interface LloydCase {
  name: string;
  init: number[][];
  max_iter: number;
  centers: number[][];
  labels: number[];
  inertia: number;
  n_iter: number;
}
interface Blobs {
  cols: number;
  X: number[];
  y: number[];
  k: number;
  inertia: number;
  centers: number[][];
}

const fixture = JSON.parse(readFileSync(new URL('../../../tests/fixtures/models/kmeans.json', import.meta.url), 'utf8')) as {
  iris: { cols: number; X: number[] };
  lloyd: LloydCase[];
  blobs3: Blobs;
  blobs4: Blobs;
};

const iris = Float32Array.from(fixture.iris.X);
const irisRows = iris.length / 4;

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

/** Centres in a canonical order (by first input, then second), for comparing up to relabelling. */
const sortedCenters = (centers: number[][]) => [...centers].sort((a, b) => a[0] - b[0] || a[1] - b[1]).flat();

describe('Lloyd iterations from given centres, against scikit-learn', () => {
  for (const c of fixture.lloyd) {
    it(`iris, ${c.name}: centres to 1e-12, the same labels, inertia (1e-12 relative) and iteration count`, async () => {
      const k = c.init.length;
      const tolerance = absoluteTolerance(iris, irisRows, 4, 1e-4);
      const run = await lloyd(iris, irisRows, 4, Float64Array.from(c.init.flat()), k, { maxIterations: c.max_iter, tolerance });
      expect(maxAbsDiff(run.centers, c.centers.flat())).toBeLessThanOrEqual(1e-12);
      expect(Array.from(run.labels)).toEqual(c.labels);
      expect(Math.abs(run.inertia - c.inertia) / c.inertia).toBeLessThanOrEqual(1e-12);
      expect(run.iterations).toBe(c.n_iter);
    });
  }
});

describe('k_means with k-means++', () => {
  for (const name of ['blobs3', 'blobs4'] as const) {
    const b = fixture[name];
    it(`${name}: the best inertia of 10 runs equals scikit-learn's to 1e-12 (relative), centres to 1e-9`, async () => {
      const X = Float32Array.from(b.X);
      const rows = b.y.length;
      const model = (await kMeans.fit(X, new Float64Array(0), { rows, cols: b.cols }, { ...kMeans.defaults, clusters: b.k }, { seed: 1 })) as KMeansModel;
      expect(Math.abs(model.inertia - b.inertia) / b.inertia).toBeLessThanOrEqual(1e-12);
      expect(maxAbsDiff(sortedCenters(model.centers), sortedCenters(b.centers))).toBeLessThanOrEqual(1e-9);
      expect('predictProba' in model).toBe(false);
    });
  }

  it('predict gives the training labels, one progress report per initialisation, and the same seed gives the same model', async () => {
    const progress: TrainProgress[] = [];
    const params = { ...kMeans.defaults, clusters: 4, initializations: 5 };
    const fit = await fitKMeans(iris, irisRows, 4, params, { seed: 7, onProgress: (p) => progress.push(p) });
    expect(Array.from(fit.model.predict(iris, irisRows, 4))).toEqual(Array.from(fit.labels));
    expect(progress.map((p) => p.epoch)).toEqual([1, 2, 3, 4, 5]);
    expect(progress.every((p) => p.epochs === 5 && p.loss >= fit.inertia)).toBe(true);
    const again = await fitKMeans(iris, irisRows, 4, params, { seed: 7 });
    expect(again.model.toJSON()).toEqual(fit.model.toJSON());
  });

  it('model.json round trip predicts the same, and tampered files are rejected naming the field', async () => {
    const model = await kMeans.fit(iris, new Float64Array(0), { rows: irisRows, cols: 4 }, kMeans.defaults, { seed: 0 });
    const json = JSON.parse(JSON.stringify(model.toJSON())) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(['centers', 'inertia', 'inputs', 'kind']);
    const back = kMeans.fromJSON(json);
    expect(Array.from(back.predict(iris, irisRows, 4))).toEqual(Array.from(model.predict(iris, irisRows, 4)));
    expect(back.toJSON()).toEqual(json);

    const tamper = (change: (j: Record<string, unknown>) => void, field: string) => {
      const bad = structuredClone(json);
      change(bad);
      let error: unknown;
      try {
        kMeans.fromJSON(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(JsonShapeError);
      expect((error as JsonShapeError).path).toBe(field);
    };
    tamper((j) => ((j.centers as unknown[][])[1][2] = 'x'), 'centers[1][2]');
    tamper((j) => ((j.centers as unknown[][])[0][0] = null), 'centers[0][0]');
    tamper((j) => (j.inputs = 5), 'centers[0]');
    tamper((j) => (j.centers = (j.centers as unknown[]).slice(0, 1)), 'centers');
    tamper((j) => (j.inertia = -1), 'inertia');
    tamper((j) => (j.kind = 'linear_regression'), 'kind');
    tamper((j) => delete j.inputs, 'inputs');
    expect(() => back.predict(iris, irisRows / 2, 8)).toThrow('expects 4 input columns');
  });

  it('rejects bad parameters and too few rows with a sentence', async () => {
    const fit = (params: Record<string, number>, rows = irisRows) =>
      kMeans.fit(iris.subarray(0, rows * 4), new Float64Array(0), { rows, cols: 4 }, { ...kMeans.defaults, ...params }, { seed: 0 });
    await expect(fit({ clusters: 1 })).rejects.toThrow('"clusters" is 1; expected an integer from 2 to 50');
    await expect(fit({ clusters: 2.5 })).rejects.toThrow('"clusters"');
    await expect(fit({ clusters: 51 })).rejects.toThrow('"clusters"');
    await expect(fit({ initializations: 0 })).rejects.toThrow('"initializations"');
    await expect(fit({ maxIterations: 0 })).rejects.toThrow('"maxIterations"');
    await expect(fit({ tolerance: -1 })).rejects.toThrow('"tolerance"');
    await expect(fit({ tolerance: NaN })).rejects.toThrow('"tolerance"');
    await expect(fit({ clusters: 5 }, 4)).rejects.toThrow('k-means with 5 clusters needs at least 5 rows, got 4.');
    const withNaN = Float32Array.from(iris.subarray(0, 40));
    withNaN[9] = NaN;
    await expect(kMeans.fit(withNaN, new Float64Array(0), { rows: 10, cols: 4 }, kMeans.defaults, { seed: 0 })).rejects.toThrow('row 3 is NaN');
  });

  it('duplicate rows: more clusters than distinct rows leaves clusters empty, never NaN', async () => {
    const X = Float32Array.from({ length: 20 }, (_, i) => (i % 4 < 2 ? 0 : 5) + (i % 2));
    for (const clusters of [3, 5]) {
      const fit = await fitKMeans(X, 10, 2, { ...kMeans.defaults, clusters }, { seed: 3 });
      expect(fit.model.centers.flat().every(Number.isFinite)).toBe(true);
      expect(fit.inertia).toBe(0);
      expect(fit.emptyClusters).toBe(clusters - 2);
      expect(new Set(fit.model.predict(X, 10, 2)).size).toBe(2);
    }
    const same = await fitKMeans(new Float32Array(12).fill(1), 6, 2, { ...kMeans.defaults, clusters: 2 }, { seed: 0 });
    expect(same.model.centers.flat()).toEqual([1, 1, 1, 1]);
    expect(same.emptyClusters).toBe(1);
  });

  it('Stop: an aborted signal rejects with an AbortError, before or during the fit', async () => {
    const stopped = new AbortController();
    stopped.abort();
    await expect(kMeans.fit(iris, new Float64Array(0), { rows: irisRows, cols: 4 }, kMeans.defaults, { seed: 0, signal: stopped.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    const during = new AbortController();
    const fit = kMeans.fit(iris, new Float64Array(0), { rows: irisRows, cols: 4 }, kMeans.defaults, { seed: 0, signal: during.signal, onProgress: () => during.abort() });
    await expect(fit).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('chooseClusterCount', () => {
  for (const name of ['blobs3', 'blobs4'] as const) {
    const b = fixture[name];
    it(`picks k = ${b.k} on ${b.k} well separated blobs and reports every k from 2 to 10`, async () => {
      const X = Float32Array.from(b.X);
      const rows = b.y.length;
      const choice = await chooseClusterCount(X, rows, 2, { seed: 0 });
      expect(choice.k).toBe(b.k);
      expect(choice.scores.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const best = choice.scores.find((s) => s.k === b.k)!;
      expect(Math.max(...choice.scores.map((s) => s.silhouette!))).toBe(best.silhouette);
      expect(Math.abs(best.inertia - b.inertia) / b.inertia).toBeLessThanOrEqual(1e-12);
      expect(choice.model.clusterCount).toBe(b.k);
      expect(Array.from(choice.model.predict(X, rows, 2))).toEqual(Array.from(choice.labels));
    });
  }

  it('caps k below the row count, skips clusterings with empty clusters, and stops on abort', async () => {
    const X = Float32Array.from([0, 0, 0, 10, 10, 10, 0, 0]);
    const choice = await chooseClusterCount(X, 8, 1, { seed: 0, max: 20 });
    expect(choice.scores.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(choice.k).toBe(2);
    expect(choice.scores.slice(1).every((s) => s.emptyClusters > 0)).toBe(true);
    await expect(chooseClusterCount(new Float32Array(5).fill(2), 5, 1, { seed: 0 })).rejects.toThrow('too few distinct values');
    await expect(chooseClusterCount(X, 8, 1, { seed: 0, min: 1 })).rejects.toThrow('smallest cluster count');
    const stop = new AbortController();
    const run = chooseClusterCount(iris, irisRows, 4, { seed: 0, signal: stop.signal, onProgress: () => stop.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});
