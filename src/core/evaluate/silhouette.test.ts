/**
 * The silhouette against scikit-learn 1.2.1's silhouette_score on the same float32 inputs. The
 * fixture comes from
 *   /usr/bin/python3 tests/fixtures/models/make_kmeans_fixtures.py
 * Each case holds scikit-learn's euclidean score and its score from exact distances (cdist,
 * metric='precomputed'); they differ by at most 2e-16 on these data.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { clusterSizes, DEFAULT_SILHOUETTE_SAMPLE, silhouetteScore, trySilhouetteScore } from './silhouette';

interface Case {
  name: string;
  labels: number[];
  sklearn: number;
  exact: number;
}

const fixture = JSON.parse(readFileSync(new URL('../../../tests/fixtures/models/kmeans.json', import.meta.url), 'utf8')) as {
  iris: { cols: number; X: number[] };
  blobs4: { cols: number; X: number[] };
  silhouette: { iris: Case[]; blobs4: Case[] };
};

describe('silhouetteScore against scikit-learn', () => {
  for (const set of ['iris', 'blobs4'] as const) {
    const data = fixture[set];
    const X = Float32Array.from(data.X);
    const rows = X.length / data.cols;
    for (const c of fixture.silhouette[set]) {
      it(`${c.name}: to 1e-12 of scikit-learn's score (exact and euclidean distances)`, () => {
        const score = silhouetteScore(X, rows, data.cols, c.labels);
        expect(Math.abs(score - c.exact)).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(score - c.sklearn)).toBeLessThanOrEqual(1e-12);
      });
    }
  }

  it('is undefined for one cluster or as many clusters as rows, as in scikit-learn', () => {
    const X = Float32Array.from([0, 1, 2, 3]);
    expect(() => silhouetteScore(X, 4, 1, [1, 1, 1, 1])).toThrow('at least 2 clusters');
    expect(trySilhouetteScore(X, 4, 1, [0, 1, 2, 3])).toBeNull();
    expect(trySilhouetteScore(X, 4, 1, [0, 0, 1, 1])).toBeCloseTo((1.5 / 2.5 + 0.5 / 1.5) / 2, 15);
    expect(() => silhouetteScore(X, 4, 1, [0, 0, 1])).toThrow('3 cluster labels for 4 rows');
    expect(() => silhouetteScore(X, 4, 1, [0, 0, 1, -1])).toThrow('Row 4 has cluster -1');
  });

  it('duplicate rows split across clusters score 0, not NaN', () => {
    const X = Float32Array.from([1, 1, 1, 1]);
    expect(silhouetteScore(X, 4, 1, [0, 0, 1, 1])).toBe(0);
  });
});

describe('silhouette sampling (scikit-learn sample_size semantics)', () => {
  const rows = 5200;
  const rng = createRng(5);
  const X = new Float32Array(rows * 3);
  const labels = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    labels[r] = r % 3;
    for (let j = 0; j < 3; j++) X[r * 3 + j] = rng.normal() + (j === labels[r] ? 4 : 0);
  }

  it(`scores a seeded ${DEFAULT_SILHOUETTE_SAMPLE}-row subset above ${DEFAULT_SILHOUETTE_SAMPLE} rows, the same for the same seed, close to the exact score`, () => {
    const sampled = silhouetteScore(X, rows, 3, labels);
    expect(silhouetteScore(X, rows, 3, labels, { sampleSize: DEFAULT_SILHOUETTE_SAMPLE, seed: 0 })).toBe(sampled);
    expect(silhouetteScore(X, rows, 3, labels, { seed: 1 })).not.toBe(sampled);
    const exact = silhouetteScore(X, rows, 3, labels, { sampleSize: Infinity });
    expect(Math.abs(sampled - exact)).toBeLessThan(0.01);
    expect(Math.abs(silhouetteScore(X, rows, 3, labels, { sampleSize: 500, seed: 2 }) - exact)).toBeLessThan(0.05);
    expect(() => silhouetteScore(X, rows, 3, labels, { sampleSize: 1 })).toThrow('sample size is 1');
  });

  it('clusterSizes counts the rows per cluster, empty clusters included', () => {
    expect(clusterSizes(labels, 4)).toEqual([1734, 1733, 1733, 0]);
    expect(() => clusterSizes([0, 3], 3)).toThrow('Row 2 has cluster 3, not one of 0..2.');
  });
});
