/**
 * Column profiles of a Table: types, counts and pandas-compatible statistics, as the
 * `profile` JSON of docs/interfaces.md (the CLI prints it, the UI draws it), plus the table's
 * overview and the relationships between its columns.
 *
 * Every number in the result is finite or null, so the result is always valid JSON.
 */
import type { Table } from '../data/table';
import { associations, type Associations } from './cramersV';
import { countDuplicateRows } from './duplicateRows';
import { numericScratch, sortPresent, summarizeSorted } from './numericSummary';
import { pearsonMatrix } from './pearson';
import { numericProfile, profileColumn, type ColumnProfile } from './profileColumn';
import { rankColumn, type RankedColumn } from './rankColumn';
import { spearmanMatrix } from './spearman';
import { tableOverview, type TableOverview } from './tableOverview';

export type { Histogram } from './numericSummary';
export type { ValueCount } from './topValues';
export type { BoxStats } from './boxStats';
export type { Associations } from './cramersV';
export type { TableOverview } from './tableOverview';
export type { ColumnProfile, Timeline } from './profileColumn';
export { profileColumn } from './profileColumn';

export interface Correlations {
  /** The numeric columns correlated (the first MAX_CORRELATION_COLUMNS), in table order. */
  columns: string[];
  /** Pearson, pairwise-complete like pandas' corr(); null where undefined (constant or < 2 rows). */
  pearson: (number | null)[][];
  /** Spearman, pandas' corr(method='spearman'): pairwise-complete, average ranks; [] when not computed. */
  spearman: (number | null)[][];
}

export interface TableProfile {
  rows: number;
  columns: ColumnProfile[];
  correlations: Correlations;
  overview: TableOverview;
  /** Cramér's V between categorical and boolean columns. */
  associations: Associations;
}

export interface ProfileOptions {
  /** Correlate at most this many numeric columns (the first ones); the cost grows with its square. */
  maxCorrelationColumns?: number;
  /** Spearman correlations (default true); off, `correlations.spearman` is []. */
  spearman?: boolean;
  /** Duplicate rows (default true); off, `overview.duplicateRows` is null. */
  duplicates?: boolean;
  /** Cramér's V (default true); off, `associations` lists no columns. */
  associations?: boolean;
}

export const MAX_CORRELATION_COLUMNS = 50;

export function profileTable(table: Table, options: ProfileOptions = {}): TableProfile {
  const maxCorr = Math.max(0, options.maxCorrelationColumns ?? MAX_CORRELATION_COLUMNS);
  const wantSpearman = options.spearman ?? true;
  const n = table.rowCount;
  const numeric: number[] = [];
  table.columns.forEach((c, j) => {
    if (c.type === 'numeric' && c.values && numeric.length < maxCorr) numeric.push(j);
  });
  const ranked = new Map<number, RankedColumn>();
  const scratch = table.columns.some((c) => c.values) ? numericScratch(n) : undefined;
  let order: Int32Array | null = null;
  const columns = table.columns.map((c, j): ColumnProfile => {
    if (!(wantSpearman && c.values && numeric.includes(j))) return profileColumn(c, n, scratch);
    // One argsort serves both the quartiles and the ranks.
    order ??= new Int32Array(n);
    const { sorted, sum } = sortPresent(c.values, c.missing, scratch, order);
    const profile = numericProfile(c, n, summarizeSorted(sorted, sum));
    ranked.set(j, rankColumn(sorted, order.subarray(0, sorted.length), n));
    return profile;
  });
  const pearson = pearsonMatrix(
    numeric.map((j) => ({
      values: table.columns[j].values!,
      missing: table.columns[j].missing,
      mean: columns[j].mean,
      complete: columns[j].missing === 0,
    })),
  );
  const spearman = wantSpearman ? spearmanMatrix(numeric.map((j) => ranked.get(j)!)) : [];
  ranked.clear();
  const duplicates =
    options.duplicates ?? true ? countDuplicateRows(table, columns.map((c) => c.unique + (c.missing > 0 ? 1 : 0))) : null;
  return {
    rows: n,
    columns,
    correlations: { columns: numeric.map((j) => table.columns[j].name), pearson, spearman },
    overview: tableOverview(table, columns.map((c) => c.missing), duplicates),
    associations:
      options.associations ?? true
        ? associations(table, columns.map((c) => c.unique))
        : { columns: [], cramersV: [] },
  };
}

