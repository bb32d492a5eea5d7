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

/** What a profile computes, decided once for the table (profileWithHelper shares it between threads). */
export interface ProfilePlan {
  /** The numeric columns correlated (the first maxCorrelationColumns), by index, in table order. */
  correlated: number[];
  spearman: boolean;
  duplicates: boolean;
  associations: boolean;
}

export function profilePlan(table: Table, options: ProfileOptions = {}): ProfilePlan {
  const maxCorr = Math.max(0, options.maxCorrelationColumns ?? MAX_CORRELATION_COLUMNS);
  const correlated: number[] = [];
  table.columns.forEach((c, j) => {
    if (c.type === 'numeric' && c.values && correlated.length < maxCorr) correlated.push(j);
  });
  return { correlated, spearman: options.spearman ?? true, duplicates: options.duplicates ?? true, associations: options.associations ?? true };
}

export function profileTable(table: Table, options: ProfileOptions = {}): TableProfile {
  const plan = profilePlan(table, options);
  const ranks = table.columns.map((_, j) => plan.spearman && plan.correlated.includes(j));
  const { profiles, ranked } = profileColumns(table, ranks);
  const spearman = plan.spearman ? spearmanMatrix(plan.correlated.map((j) => ranked[j]!)) : [];
  // The ranks (4 bytes a row each) are done with: let them go before duplicates and Cramér's V allocate.
  ranked.fill(null);
  return completeProfile(table, plan, profiles, spearman);
}

export interface ProfiledColumns {
  /** Each column's profile, in table order. */
  profiles: ColumnProfile[];
  /** The ranks of the columns asked for; null at the others. */
  ranked: (RankedColumn | null)[];
}

/**
 * Every column's profile, and the ranks of the columns `rank` marks (Spearman's); `sharedRanks`:
 * the ranks in SharedArrayBuffers, so that posting them to another thread copies nothing.
 */
export function profileColumns(table: Table, rank: readonly boolean[], sharedRanks = false): ProfiledColumns {
  const n = table.rowCount;
  const ranked: (RankedColumn | null)[] = table.columns.map(() => null);
  const scratch = table.columns.some((c) => c.values) ? numericScratch(n) : undefined;
  let order: Int32Array | null = null;
  const profiles = table.columns.map((c, j): ColumnProfile => {
    if (!(rank[j] && c.values)) return profileColumn(c, n, scratch);
    // One argsort serves both the quartiles and the ranks.
    order ??= new Int32Array(n);
    const { sorted, sum } = sortPresent(c.values, c.missing, scratch, order);
    const profile = numericProfile(c, n, summarizeSorted(sorted, sum));
    ranked[j] = rankColumn(sorted, order.subarray(0, sorted.length), n, sharedRanks);
    return profile;
  });
  return { profiles, ranked };
}

/**
 * The table's profile from its columns' profiles and the Spearman matrix (taken as it is, not
 * copied): adds Pearson, duplicate rows, the overview and Cramér's V.
 */
export function completeProfile(
  table: Table,
  plan: ProfilePlan,
  columns: ColumnProfile[],
  spearman: (number | null)[][],
): TableProfile {
  const { correlated } = plan;
  const pearson = pearsonMatrix(
    correlated.map((j) => ({
      values: table.columns[j].values!,
      missing: table.columns[j].missing,
      mean: columns[j].mean,
      complete: columns[j].missing === 0,
    })),
  );
  const duplicates = plan.duplicates ? countDuplicateRows(table, columns.map((c) => c.unique + (c.missing > 0 ? 1 : 0))) : null;
  return {
    rows: table.rowCount,
    columns,
    correlations: { columns: correlated.map((j) => table.columns[j].name), pearson, spearman },
    overview: tableOverview(table, columns.map((c) => c.missing), duplicates),
    associations: plan.associations ? associations(table, columns.map((c) => c.unique)) : { columns: [], cramersV: [] },
  };
}
