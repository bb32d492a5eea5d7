import { argsortPresent, argsortScratch, type ArgsortScratch } from './argsortFloat64';
import { firstAbove, firstAtLeast } from './bisect';
import { boxStatsSorted, type BoxStats } from './boxStats';
import { medianSorted, quantileSorted } from './quantiles';
import { sortFloat64 } from './sortFloat64';

export { medianSorted, quantileSorted } from './quantiles';

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
  /** pandas' Series.skew(): the adjusted Fisher–Pearson coefficient; null under 3 values. */
  skewness: number | null;
  /** Present values equal to 0 (-0 included). */
  zeros: number;
  box: BoxStats | null;
  histogram: Histogram;
}

export const HISTOGRAM_BINS = 20;

/**
 * Work buffers for a table's columns in turn (values: rows, words: 2 * rows; the argsort's
 * buffers made on first use), so each column does not allocate its own.
 */
export interface NumericScratch {
  values: Float64Array;
  words: Uint32Array;
  argsort?: ArgsortScratch;
}

export function numericScratch(rows: number): NumericScratch {
  return { values: new Float64Array(rows), words: new Uint32Array(rows * 2) };
}

/** A number for JSON: NaN and +-Infinity become null. */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/**
 * The present values (not marked missing, not NaN) ascending, in a view of the scratch buffer,
 * with their sum. With `order`, the rows they came from are written there too (for ranks).
 */
export function sortPresent(
  values: Float64Array,
  missing: Uint8Array,
  scratch?: NumericScratch,
  order?: Int32Array,
): { sorted: Float64Array; sum: number } {
  const n = values.length;
  const present = scratch && scratch.values.length >= n ? scratch.values : new Float64Array(n);
  if (order) {
    if (scratch && !(scratch.argsort && scratch.argsort.a.length >= n * 3)) scratch.argsort = argsortScratch(n);
    const { count, sum } = argsortPresent(values, missing, present, order, scratch?.argsort);
    return { sorted: present.subarray(0, count), sum };
  }
  let count = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (missing[i] || v !== v) continue;
    present[count++] = v;
    sum += v;
  }
  return { sorted: sortFloat64(present.subarray(0, count), scratch?.words), sum };
}

/**
 * Statistics of a numeric column, pandas-compatible: mean, sample std (ddof 1, two-pass like
 * pandas' nanvar), skewness (nanskew), min, max, median, quartiles with linear interpolation
 * (numpy's default), and the number of distinct values. A cell counts when it is not marked
 * missing and is not NaN.
 */
export function summarizeNumeric(values: Float64Array, missing: Uint8Array, scratch?: NumericScratch): NumericSummary {
  const { sorted, sum } = sortPresent(values, missing, scratch);
  return summarizeSorted(sorted, sum);
}

/** The summary of already-sorted present values whose sum is `sum`. */
export function summarizeSorted(sorted: Float64Array, sum: number): NumericSummary {
  const count = sorted.length;
  if (count === 0) {
    return {
      count, unique: 0, mean: null, std: null, min: null, max: null, median: null, q1: null, q3: null,
      skewness: null, zeros: 0, box: null, histogram: { edges: [], counts: [] },
    };
  }
  const mean = sum / count;
  // Pass 2 (over the sorted copy): central moments and distinct values. Adding the comparison
  // as a number, not branching on it, keeps ties (whole runs of them in decimal data) from
  // costing a mispredicted branch each.
  let m2 = 0;
  let m3 = 0;
  let unique = 1;
  let previous = sorted[0];
  for (let i = 0; i < count; i++) {
    const v = sorted[i];
    unique += +(v !== previous);
    previous = v;
    const d = v - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
  }
  // The zeros (-0 included) are one run of the sorted values.
  const zeros = firstAbove(sorted, 0) - firstAtLeast(sorted, 0);
  return {
    count,
    unique,
    mean: finiteOrNull(mean),
    std: count > 1 ? finiteOrNull(Math.sqrt(m2 / (count - 1))) : null,
    min: finiteOrNull(sorted[0]),
    max: finiteOrNull(sorted[count - 1]),
    median: finiteOrNull(medianSorted(sorted)),
    q1: finiteOrNull(quantileSorted(sorted, 0.25)),
    q3: finiteOrNull(quantileSorted(sorted, 0.75)),
    skewness: skewness(count, m2, m3),
    zeros,
    box: boxStatsSorted(sorted),
    histogram: histogramSorted(sorted, HISTOGRAM_BINS),
  };
}

/**
 * pandas' nanskew from the sums of squared and cubed deviations: sums below 1e-14 count as
 * rounding noise (pandas' _zero_out_fperr), and a constant column has skewness 0, not NaN.
 */
export function skewness(count: number, m2: number, m3: number): number | null {
  if (count < 3) return null;
  const s2 = Math.abs(m2) < 1e-14 ? 0 : m2;
  const s3 = Math.abs(m3) < 1e-14 ? 0 : m3;
  if (s2 === 0) return 0;
  return finiteOrNull(((count * Math.sqrt(count - 1)) / (count - 2)) * (s3 / Math.pow(s2, 1.5)));
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
  // Sorted, so each bin is a run: its ends are found by bisection, not by a pass over every value.
  // Value v falls in the last bin b whose edge it reaches (bin 0 for the first, whatever its edge),
  // as a walk through the bins would put it.
  const counts = new Array<number>(bins).fill(0);
  let start = first;
  for (let b = 0; b < bins; b++) {
    const end = b === bins - 1 ? last + 1 : Math.max(start, firstAtLeast(sorted, edges[b + 1], start, last + 1));
    counts[b] = end - start;
    start = end;
  }
  return { edges, counts };
}
