/**
 * profileTable on two threads: this one and a helper (in the browser, a worker nested in the data
 * worker), for big tables on machines with a second core. The helper sorts and ranks half of the
 * correlated numeric columns while this thread does the other columns; then it starts on the
 * Spearman pairs with gaps (the slow ones: a pass over every row each) while this thread does
 * Pearson, duplicate rows, Cramér's V and the pairs without gaps, and then joins it. With shared
 * memory the two take the pairs one at a time from a shared counter, so both finish within a pair
 * of each other; without it the helper is given three in four of the pairs up front. Every number
 * comes from the same function on the same inputs as in profileTable, so the profile is the same,
 * bit for bit.
 */
import type { Table } from '../data/table';
import {
  completeProfile,
  profileColumns,
  profilePlan,
  type ColumnProfile,
  type ProfiledColumns,
  type ProfileOptions,
  type TableProfile,
} from './profileTable';
import type { RankedColumn } from './rankColumn';
import { pairsWithGaps, setPairs, spearmanPairs, spearmanPairsTaken, spearmanWithoutGaps } from './spearman';

/** The helper's two jobs: the functions of the same names, run on its thread. */
export interface ProfileHelper {
  /**
   * Whether both threads can share memory (SharedArrayBuffer): the ranks are then made in shared
   * buffers, and sending all of them to the helper (4 MB a column at a million rows) copies nothing.
   */
  sharedMemory: boolean;
  profileColumns(table: Table, rank: boolean[], sharedRanks: boolean): Promise<ProfiledColumns>;
  spearmanPairs(columns: RankedColumn[], pairs: [number, number][]): Promise<(number | null)[]>;
  /**
   * With shared memory: computes pair Atomics.add(counter, 0, 1) of `pairs` into `results` (NaN for
   * null) until the counter passes the last pair, while this thread takes from the same counter.
   */
  spearmanPairsShared?(columns: RankedColumn[], pairs: [number, number][], counter: Int32Array, results: Float64Array): Promise<number>;
}

/** Takes pairs from the shared counter into the shared results (NaN for null); returns how many it took. */
export function takeSharedPairs(columns: RankedColumn[], pairs: [number, number][], counter: Int32Array, results: Float64Array): number {
  let taken = 0;
  spearmanPairsTaken(
    columns,
    pairs,
    () => Atomics.add(counter, 0, 1),
    (index, value) => {
      results[index] = value ?? NaN;
      taken++;
    },
  );
  return taken;
}

/**
 * What a helper thread runs for ProfileHelper's calls of the same names (its `spearmanPairsShared`
 * is takeSharedPairs), for the browser's helper worker and the CLI's helper thread alike.
 */
export const profileHelperJobs = { profileColumns, spearmanPairs, spearmanPairsShared: takeSharedPairs };

/** Below this many rows a second thread saves less than it costs to start and to send columns to. */
export const HELPER_MIN_ROWS = 100_000;

/** Whether profileWithHelper pays for this table (else profileTable). */
export function helperPays(table: Table, options: ProfileOptions = {}): boolean {
  return table.rowCount >= HELPER_MIN_ROWS && profilePlan(table, options).correlated.length >= 2;
}

/**
 * The columns profileWithHelper sends the helper, given the plan's correlated columns: the second
 * half of them (this thread keeps the others; the categorical ones are quick).
 */
export function helperColumns(correlated: readonly number[]): number[] {
  return correlated.slice(Math.floor(correlated.length / 2));
}

export async function profileWithHelper(table: Table, helper: ProfileHelper, options: ProfileOptions = {}): Promise<TableProfile> {
  const plan = profilePlan(table, options);
  const { correlated } = plan;
  const shared = helper.sharedMemory;
  const theirs = helperColumns(correlated);
  const mine = table.columns.map((_, j) => j).filter((j) => !theirs.includes(j));
  const part = (indices: number[]): Table => ({ rowCount: table.rowCount, columns: indices.map((j) => table.columns[j]) });
  const wantRanks = (indices: number[]) => indices.map((j) => plan.spearman && correlated.includes(j));
  const helped = helper.profileColumns(part(theirs), wantRanks(theirs), shared);
  const own = profileColumns(part(mine), wantRanks(mine), shared);
  const other = await helped;

  const profiles: ColumnProfile[] = [];
  const ranked: (RankedColumn | null)[] = [];
  const take = (indices: number[], from: ProfiledColumns) =>
    indices.forEach((j, i) => {
      profiles[j] = from.profiles[i];
      ranked[j] = from.ranked[i];
    });
  take(mine, own);
  take(theirs, other);
  if (!plan.spearman) return completeProfile(table, plan, profiles, []);

  const columns = correlated.map((j) => ranked[j]!);
  const pairs = pairsWithGaps(columns);
  // The helper starts on the pairs with gaps; this thread does Pearson, duplicates, Cramér's V and
  // the pairs without gaps first, then its share of those pairs.
  const ourShare = shared && helper.spearmanPairsShared ? sharePairs(helper, columns, pairs) : splitPairs(helper, columns, pairs);
  const spearman = spearmanWithoutGaps(columns);
  // The profile holds `spearman` itself: the pairs with gaps are written into it below.
  const profile = completeProfile(table, plan, profiles, spearman);
  setPairs(spearman, pairs, await ourShare());
  return profile;
}

/**
 * Both threads take the pairs one at a time from a shared counter. Starts the helper on them and
 * returns this thread's part, which resolves to every pair's value once the helper is done too.
 */
function sharePairs(helper: ProfileHelper, columns: RankedColumn[], pairs: [number, number][]): () => Promise<(number | null)[]> {
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const results = new Float64Array(new SharedArrayBuffer(8 * pairs.length));
  const helped = pairs.length ? helper.spearmanPairsShared!(columns, pairs, counter, results) : Promise.resolve(0);
  return async () => {
    takeSharedPairs(columns, pairs, counter, results);
    await helped;
    // A correlation is never NaN (undefined ones are null), so NaN stands for null.
    return Array.from(results, (r) => (r === r ? r : null));
  };
}

/**
 * Without shared memory the helper is given three in four of the pairs up front (this thread has
 * the rest of the profile to do besides). Same contract as sharePairs.
 */
function splitPairs(helper: ProfileHelper, columns: RankedColumn[], pairs: [number, number][]): () => Promise<(number | null)[]> {
  const theirs = pairs.flatMap((_, i) => (i % 4 !== 0 ? [i] : []));
  const helped = theirs.length ? helper.spearmanPairs(columns, theirs.map((i) => pairs[i])) : Promise.resolve([]);
  return async () => {
    const mine = pairs.flatMap((_, i) => (i % 4 === 0 ? [i] : []));
    const values = new Array<number | null>(pairs.length);
    spearmanPairs(columns, mine.map((i) => pairs[i])).forEach((v, t) => (values[mine[t]] = v));
    (await helped).forEach((v, t) => (values[theirs[t]] = v));
    return values;
  };
}
