/**
 * Box-plot statistics of an ascending array: quartiles (numpy's linear interpolation), Tukey's
 * whiskers (the most extreme values within 1.5 IQR of the quartiles) and the points beyond them.
 */
import { firstAbove, firstAtLeast } from './bisect';
import { medianSorted, quantileSorted } from './quantiles';

export interface BoxStats {
  q1: number;
  median: number;
  q3: number;
  /** The smallest value >= q1 - 1.5 * IQR. */
  lowerWhisker: number;
  /** The largest value <= q3 + 1.5 * IQR. */
  upperWhisker: number;
  /** How many values lie beyond the whiskers (infinities included). */
  outliers: number;
  /** Up to `maxSample` finite outliers, ascending, evenly spaced over all of them (both extremes kept). */
  outlierSample: number[];
}

/** Enough points to draw the outliers of a box plot; more would only bloat the JSON. */
export const OUTLIER_SAMPLE = 200;

/** null when there are no values or a quartile is not finite (a box cannot be drawn). */
export function boxStatsSorted(sorted: ArrayLike<number>, maxSample = OUTLIER_SAMPLE): BoxStats | null {
  const n = sorted.length;
  if (n === 0) return null;
  const q1 = quantileSorted(sorted, 0.25);
  const median = medianSorted(sorted);
  const q3 = quantileSorted(sorted, 0.75);
  if (!Number.isFinite(q1) || !Number.isFinite(q3) || !Number.isFinite(median)) return null;
  const iqr = q3 - q1;
  const lowFence = q1 - 1.5 * iqr;
  const highFence = q3 + 1.5 * iqr;
  // Sorted, so the outliers are a prefix and a suffix: find both ends by bisection.
  const lowEnd = firstAtLeast(sorted, lowFence);
  const highStart = firstAbove(sorted, highFence);
  const lowerWhisker = lowEnd < n ? sorted[lowEnd] : q1;
  const upperWhisker = highStart > 0 ? sorted[highStart - 1] : q3;
  const low = lowEnd;
  const high = n - highStart;
  return {
    q1,
    median,
    q3,
    lowerWhisker: Math.min(lowerWhisker, q1),
    upperWhisker: Math.max(upperWhisker, q3),
    outliers: low + high,
    outlierSample: spreadSample(sorted, low, highStart, maxSample),
  };
}

/** Positions 0..low-1 and highStart..n-1, evenly thinned to at most `max`, non-finite values left out. */
function spreadSample(sorted: ArrayLike<number>, low: number, highStart: number, max: number): number[] {
  const total = low + (sorted.length - highStart);
  const out: number[] = [];
  if (total === 0 || max <= 0) return out;
  const take = Math.min(total, max);
  let last = -1;
  for (let k = 0; k < take; k++) {
    const j = take === 1 ? 0 : Math.round((k * (total - 1)) / (take - 1));
    if (j === last) continue;
    last = j;
    const v = sorted[j < low ? j : highStart + (j - low)];
    if (Number.isFinite(v)) out.push(v);
  }
  return out;
}
