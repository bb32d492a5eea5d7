/**
 * What each cluster looks like in the user's own columns (not the encoded model inputs): its
 * size and share of the rows, and per column the mean and median (numeric) or the most frequent
 * value (categorical, boolean), next to the same figures over all the clustered rows.
 *
 * Missing cells are skipped and counted. Datetime, text and identifier columns are left out:
 * their means or modes say little about a cluster. The output is plain JSON: every number is
 * finite or null (null where a cluster has no value in a column).
 */
import { medianSorted } from '../profile/quantiles';
import { MISSING_CODE, type Column, type Table } from '../data/table';

export interface NumericSummary {
  type: 'numeric';
  mean: number | null;
  median: number | null;
  missing: number;
}

export interface CategorySummary {
  type: 'categorical' | 'boolean';
  /** The most frequent value (the first seen on ties); null when every cell is missing. */
  top: string | null;
  /** Its share of the non-missing cells. */
  topShare: number | null;
  missing: number;
}

export type ColumnSummary = NumericSummary | CategorySummary;

export interface ClusterCategorySummary extends CategorySummary {
  /** The share of this cluster's `top` value among all the clustered rows, for comparison. */
  topShareOverall: number | null;
}

/** A column within one cluster; compare with the column's `overall` summary. */
export type ClusterColumnSummary = NumericSummary | ClusterCategorySummary;

export interface ClusterProfile {
  cluster: number;
  size: number;
  /** size / number of clustered rows. */
  share: number;
  /** One entry per profiled column, in the order of `ClusterProfiles.columns`. */
  columns: ClusterColumnSummary[];
}

export interface ProfiledColumn {
  name: string;
  /** Index of the column in the table. */
  index: number;
  /** The column over all the clustered rows. */
  overall: ColumnSummary;
}

export interface ClusterProfiles {
  rows: number;
  columns: ProfiledColumn[];
  clusters: ClusterProfile[];
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

function numericSummary(column: Column, rows: ArrayLike<number>): NumericSummary {
  const values = column.values as Float64Array;
  const present: number[] = [];
  let missing = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = values[rows[i]];
    if (column.missing[rows[i]] || !Number.isFinite(v)) missing++;
    else present.push(v);
  }
  const sorted = Float64Array.from(present).sort();
  let sum = 0;
  for (const v of present) sum += v;
  return { type: 'numeric', mean: finiteOrNull(sum / present.length), median: finiteOrNull(medianSorted(sorted)), missing };
}

/** Counts per category (the two booleans as codes 0 = false, 1 = true) and their first row. */
function categoryCounts(column: Column, rows: ArrayLike<number>) {
  const isBoolean = column.type === 'boolean';
  const names = isBoolean ? ['false', 'true'] : (column.categories ?? []);
  const counts = new Float64Array(names.length);
  const firstSeen = new Float64Array(names.length).fill(Infinity);
  let missing = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    let code: number;
    if (isBoolean) {
      const v = column.values?.[row] ?? NaN;
      code = v === v ? (v ? 1 : 0) : MISSING_CODE;
    } else {
      code = column.codes?.[row] ?? MISSING_CODE;
    }
    if (column.missing[row] || code === MISSING_CODE || code >= names.length) {
      missing++;
      continue;
    }
    if (counts[code] === 0) firstSeen[code] = i;
    counts[code]++;
  }
  return { names, counts, firstSeen, present: rows.length - missing, missing };
}

interface CategoryTally {
  summary: CategorySummary;
  counts: Float64Array;
  present: number;
  /** Code of `summary.top`, -1 when there is none. */
  topCode: number;
}

function categoryTally(column: Column, rows: ArrayLike<number>): CategoryTally {
  const { names, counts, firstSeen, present, missing } = categoryCounts(column, rows);
  let best = -1;
  for (let c = 0; c < names.length; c++) {
    if (counts[c] === 0) continue;
    if (best === -1 || counts[c] > counts[best] || (counts[c] === counts[best] && firstSeen[c] < firstSeen[best])) best = c;
  }
  const type = column.type === 'boolean' ? 'boolean' : 'categorical';
  const top = best === -1 ? null : names[best];
  const topShare = best === -1 ? null : counts[best] / present;
  return { summary: { type, top, topShare, missing }, counts, present, topCode: best };
}

/**
 * Profiles `k` clusters of the table rows `rows`, `labels[i]` (0..k-1) being the cluster of
 * table row `rows[i]`. "Overall" figures are over those rows, not the whole table.
 */
export function clusterProfiles(table: Table, rows: ArrayLike<number>, labels: ArrayLike<number>, k: number): ClusterProfiles {
  if (!(Number.isInteger(k) && k >= 1)) throw new Error(`The cluster count is ${k}; expected a positive integer.`);
  if (labels.length !== rows.length) throw new Error(`There are ${labels.length} cluster labels for ${rows.length} rows.`);
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const label = labels[i];
    if (!(Number.isInteger(row) && row >= 0 && row < table.rowCount)) throw new Error(`Row index ${row} is outside the table (${table.rowCount} rows).`);
    if (!(Number.isInteger(label) && label >= 0 && label < k)) throw new Error(`Row ${row + 1} has cluster ${label}, not one of 0..${k - 1}.`);
    members[label].push(row);
  }

  const columns: ProfiledColumn[] = [];
  const perCluster: ClusterColumnSummary[][] = members.map(() => []);
  table.columns.forEach((column, index) => {
    if (column.type === 'numeric' && column.values) {
      columns.push({ name: column.name, index, overall: numericSummary(column, rows) });
      members.forEach((m, c) => perCluster[c].push(numericSummary(column, m)));
    } else if ((column.type === 'categorical' && column.codes) || (column.type === 'boolean' && column.values)) {
      const overall = categoryTally(column, rows);
      columns.push({ name: column.name, index, overall: overall.summary });
      members.forEach((m, c) => {
        const { summary, topCode } = categoryTally(column, m);
        // The cluster's rows are among the overall rows, so its top value has an overall count.
        const topShareOverall = topCode === -1 ? null : overall.counts[topCode] / overall.present;
        perCluster[c].push({ ...summary, topShareOverall });
      });
    }
  });

  const clusters = members.map((m, cluster) => ({
    cluster,
    size: m.length,
    share: rows.length > 0 ? m.length / rows.length : 0,
    columns: perCluster[cluster],
  }));
  return { rows: rows.length, columns, clusters };
}
