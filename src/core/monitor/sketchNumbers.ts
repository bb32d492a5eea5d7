/**
 * The numeric part of a drift reference, from the sorted present values of one column: decile bins
 * for PSI, and a sketch of the distribution for the two-sample KS test.
 *
 * The sketch keeps every distinct value while there are at most `maxPoints` of them, which makes the
 * KS statistic exact. Above that it keeps the values at `maxPoints` evenly spaced ranks (the minimum
 * and maximum included), each with the exact count of training values up to it. Between two kept
 * values a and b the training CDF is then known to within the share of values strictly between them,
 * fewer than ceil((n - 1) / (maxPoints - 1)), so the sketched D is off from the exact D by at most
 * about 1 / (maxPoints - 1): 0.001 with 1,000 points (`sketchError` gives the bound of one sketch).
 */
import type { NumericReference } from './driftTypes';

export const DECILE_BINS = 10;

export type NumericSketch = Pick<NumericReference, 'edges' | 'bins' | 'points' | 'pointCounts' | 'exact'>;

export function sketchNumbers(sorted: Float64Array, maxPoints: number, type: string): NumericSketch {
  const edges = type === 'boolean' ? [0] : decileEdges(sorted);
  const bins = new Array<number>(edges.length + 1).fill(0);
  for (let i = 0; i < sorted.length; i++) bins[binIndex(edges, sorted[i])]++;
  return { edges, bins, ...sketchPoints(sorted, maxPoints) };
}

/** The bin of `x`: how many edges are below it, so bin i is (edges[i-1], edges[i]]. */
export function binIndex(edges: readonly number[], x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Training values themselves (numpy's 'lower' quantiles), so edges print as the data does. */
function decileEdges(sorted: Float64Array): number[] {
  const n = sorted.length;
  const edges: number[] = [];
  if (n === 0) return edges;
  for (let i = 1; i < DECILE_BINS; i++) {
    const v = sorted[Math.floor((i * (n - 1)) / DECILE_BINS)];
    if (edges.length === 0 || v > edges[edges.length - 1]) edges.push(v);
  }
  return edges;
}

function sketchPoints(sorted: Float64Array, maxPoints: number): Pick<NumericReference, 'points' | 'pointCounts' | 'exact'> {
  const n = sorted.length;
  const points: number[] = [];
  const pointCounts: number[] = [];
  let distinct = 0;
  for (let i = 0; i < n && distinct <= maxPoints; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  const exact = distinct <= maxPoints;
  let taken = 0;
  const keep = (index: number) => {
    const v = sorted[index];
    if (points.length > 0 && v === points[points.length - 1]) return;
    const upTo = lastIndexOf(sorted, v, index) + 1;
    points.push(v);
    pointCounts.push(upTo - taken);
    taken = upTo;
  };
  if (exact) {
    for (let i = 0; i < n; i++) keep(i);
  } else {
    for (let j = 0; j < maxPoints; j++) keep(Math.round((j * (n - 1)) / (maxPoints - 1)));
  }
  return { points, pointCounts, exact };
}

/** The last index holding `v`, searching right from `from` (which holds it). */
function lastIndexOf(sorted: Float64Array, v: number, from: number): number {
  let lo = from;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The most a KS statistic against this sketch can differ from the exact one: 0 for an exact sketch,
 * else the largest number of training values that can lie strictly between two kept points, as a share.
 */
export function sketchError(sketch: Pick<NumericReference, 'pointCounts' | 'exact' | 'count'>): number {
  if (sketch.exact || sketch.count === 0) return 0;
  let widest = 0;
  for (const c of sketch.pointCounts) widest = Math.max(widest, c - 1);
  return widest / sketch.count;
}
