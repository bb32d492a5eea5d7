import { sortFloat64 } from './sortFloat64';

/** Equal-width bins over [min, max]; the last bin includes max (numpy.histogram's rule). */
export interface Histogram {
  edges: number[];
  counts: number[];
}

export interface NumericSummary {
  count: number;
  unique: number;
  mean: number | null;
  std: number | null;
  min: number | null;
  max: number | null;
  median: number | null;
  q1: number | null;
  q3: number | null;
  histogram: Histogram;
}

export const HISTOGRAM_BINS = 20;

/** Work buffers for a table's columns in turn (values: rows, words: 2 * rows), so each column does not allocate its own. */
export interface NumericScratch {
  values: Float64Array;
  words: Uint32Array;
}

export function numericScratch(rows: number): NumericScratch {
  return { values: new Float64Array(rows), words: new Uint32Array(rows * 2) };
}

/** A number for JSON: NaN and +-Infinity become null. */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/**
 * Statistics of a numeric column, pandas-compatible: mean, sample std (ddof 1, two-pass like
 * pandas' nanvar), min, max, median, quartiles with linear interpolation (numpy's default), and
 * the number of distinct values. A cell counts when it is not marked missing and is not NaN.
 */
export function summarizeNumeric(values: Float64Array, missing: Uint8Array, scratch?: NumericScratch): NumericSummary {
  const n = values.length;
  // Pass 1: gather present values (the copy that gets sorted) and their sum.
  const present = scratch && scratch.values.length >= n ? scratch.values : new Float64Array(n);
  let count = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (missing[i] || v !== v) continue;
    present[count++] = v;
    sum += v;
  }
  const sorted = sortFloat64(present.subarray(0, count), scratch?.words);
  if (count === 0) {
    return {
      count, unique: 0, mean: null, std: null, min: null, max: null,
      median: null, q1: null, q3: null, histogram: { edges: [], counts: [] },
    };
  }
  const mean = sum / count;
  // Pass 2 (over the sorted copy): squared deviations and distinct values.
  let ssd = 0;
  let unique = 1;
  for (let i = 0; i < count; i++) {
    const d = sorted[i] - mean;
    ssd += d * d;
    if (i > 0 && sorted[i] !== sorted[i - 1]) unique++;
  }
  return {
    count,
    unique,
    mean: finiteOrNull(mean),
    std: count > 1 ? finiteOrNull(Math.sqrt(ssd / (count - 1))) : null,
    min: finiteOrNull(sorted[0]),
    max: finiteOrNull(sorted[count - 1]),
    median: finiteOrNull(medianSorted(sorted)),
    q1: finiteOrNull(quantileSorted(sorted, 0.25)),
    q3: finiteOrNull(quantileSorted(sorted, 0.75)),
    histogram: histogramSorted(sorted, HISTOGRAM_BINS),
  };
}

/** numpy.quantile(method='linear') of an ascending array, with numpy's two-sided lerp. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const t = pos - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** The median as numpy computes it: the mean of the two middle values for an even count. */
export function medianSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Equal-width histogram of the finite values of an ascending array. A single distinct value gets
 * the range [v - 0.5, v + 0.5], as numpy.histogram does.
 */
export function histogramSorted(sorted: Float64Array, bins: number): Histogram {
  let first = 0;
  let last = sorted.length - 1;
  while (first <= last && !Number.isFinite(sorted[first])) first++;
  while (last >= first && !Number.isFinite(sorted[last])) last--;
  if (first > last) return { edges: [], counts: [] };
  let lo = sorted[first];
  let hi = sorted[last];
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const width = (hi - lo) / bins;
  const edges: number[] = [];
  for (let b = 0; b <= bins; b++) edges.push(b === bins ? hi : lo + b * width);
  const counts = new Array<number>(bins).fill(0);
  // The values are sorted, so walk the bins forward instead of dividing per value.
  let bin = 0;
  for (let i = first; i <= last; i++) {
    const v = sorted[i];
    while (bin < bins - 1 && v >= edges[bin + 1]) bin++;
    counts[bin]++;
  }
  return { edges, counts };
}
