/**
 * Cluster profiles on a small hand-made table, every figure worked out by hand: means and
 * medians skip missing cells, ties in the most frequent value go to the first one seen, and
 * an empty cluster gives nulls (so the output survives JSON unchanged).
 */
import { describe, expect, it } from 'vitest';
import { tableFromColumns } from '../prep/tableFromColumns';
import { clusterProfiles } from './clusterProfiles';

const table = tableFromColumns([
  { name: 'age', type: 'numeric', values: [20, 30, null, 40, 50, 60, 70, 80] },
  { name: 'city', type: 'categorical', values: ['a', 'b', 'a', null, 'c', 'c', 'b', 'z'] },
  { name: 'member', type: 'boolean', values: [true, false, true, true, false, false, null, true] },
  { name: 'id', type: 'identifier', values: ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8'] },
  { name: 'joined', type: 'datetime', values: ['2020-01-01', null, null, null, null, null, null, null] },
  { name: 'score', type: 'numeric', values: [1, null, null, 4, 5, 6, 7, 100] },
]);
// Row 7 (index 7) is not clustered; cluster 3 has no rows.
const rows = [0, 1, 2, 3, 4, 5, 6];
const labels = [0, 0, 0, 1, 1, 2, 2];

describe('clusterProfiles', () => {
  const profiles = clusterProfiles(table, rows, labels, 4);

  it('profiles numeric, categorical and boolean columns, over the clustered rows only', () => {
    expect(profiles.rows).toBe(7);
    expect(profiles.columns.map((c) => [c.name, c.index])).toEqual([
      ['age', 0],
      ['city', 1],
      ['member', 2],
      ['score', 5],
    ]);
    expect(profiles.columns.map((c) => c.overall)).toEqual([
      { type: 'numeric', mean: 45, median: 45, missing: 1 },
      { type: 'categorical', top: 'a', topShare: 2 / 6, missing: 1 },
      { type: 'boolean', top: 'true', topShare: 0.5, missing: 1 },
      { type: 'numeric', mean: 4.6, median: 5, missing: 2 },
    ]);
  });

  it('gives each cluster its size, share and per-column figures', () => {
    expect(profiles.clusters.map((c) => [c.cluster, c.size, c.share])).toEqual([
      [0, 3, 3 / 7],
      [1, 2, 2 / 7],
      [2, 2, 2 / 7],
      [3, 0, 0],
    ]);
    expect(profiles.clusters[0].columns).toEqual([
      { type: 'numeric', mean: 25, median: 25, missing: 1 },
      { type: 'categorical', top: 'a', topShare: 2 / 3, missing: 0, topShareOverall: 2 / 6 },
      { type: 'boolean', top: 'true', topShare: 2 / 3, missing: 0, topShareOverall: 0.5 },
      { type: 'numeric', mean: 1, median: 1, missing: 2 },
    ]);
    // Ties: 'true' is seen before 'false' in cluster 1, 'c' before 'b' in cluster 2.
    expect(profiles.clusters[1].columns).toEqual([
      { type: 'numeric', mean: 45, median: 45, missing: 0 },
      { type: 'categorical', top: 'c', topShare: 1, missing: 1, topShareOverall: 2 / 6 },
      { type: 'boolean', top: 'true', topShare: 0.5, missing: 0, topShareOverall: 0.5 },
      { type: 'numeric', mean: 4.5, median: 4.5, missing: 0 },
    ]);
    expect(profiles.clusters[2].columns).toEqual([
      { type: 'numeric', mean: 65, median: 65, missing: 0 },
      { type: 'categorical', top: 'c', topShare: 0.5, missing: 0, topShareOverall: 2 / 6 },
      { type: 'boolean', top: 'false', topShare: 1, missing: 1, topShareOverall: 0.5 },
      { type: 'numeric', mean: 6.5, median: 6.5, missing: 0 },
    ]);
  });

  it('an empty cluster has nulls, and the whole result survives JSON unchanged', () => {
    expect(profiles.clusters[3].columns).toEqual([
      { type: 'numeric', mean: null, median: null, missing: 0 },
      { type: 'categorical', top: null, topShare: null, missing: 0, topShareOverall: null },
      { type: 'boolean', top: null, topShare: null, missing: 0, topShareOverall: null },
      { type: 'numeric', mean: null, median: null, missing: 0 },
    ]);
    expect(JSON.parse(JSON.stringify(profiles))).toEqual(profiles);
  });

  it('follows the row order given, and rejects labels that do not fit', () => {
    const reordered = clusterProfiles(table, [7, 0, 4], [1, 0, 1], 2);
    expect(reordered.clusters[1].columns[0]).toEqual({ type: 'numeric', mean: 65, median: 65, missing: 0 });
    expect(reordered.clusters[1].columns[1]).toMatchObject({ top: 'z', topShare: 0.5 });
    expect(() => clusterProfiles(table, rows, labels.slice(1), 4)).toThrow('6 cluster labels for 7 rows');
    expect(() => clusterProfiles(table, rows, labels, 2)).toThrow('Row 6 has cluster 2, not one of 0..1.');
    expect(() => clusterProfiles(table, [8], [0], 1)).toThrow('Row index 8 is outside the table (8 rows).');
  });
});
