/**
 * The statistics the prepare steps learn, computed the way numpy/pandas compute them so fitted
 * parameters match scikit-learn fixtures: linear percentiles with numpy's two-sided lerp, the
 * median as the mean of the two middle values, std with ddof 0 from two passes.
 */

/** The non-missing values, sorted ascending. */
export function sortedPresent(values: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) n++;
  const out = new Float64Array(n);
  for (let i = 0, k = 0; i < values.length; i++) if (!Number.isNaN(values[i])) out[k++] = values[i];
  return out.sort();
}

/** numpy.percentile(sorted, q * 100) with method 'linear' (q in [0, 1]); NaN for no values. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const virtual = (n - 1) * q;
  const lo = Math.floor(virtual);
  if (lo >= n - 1) return sorted[n - 1];
  if (lo < 0) return sorted[0];
  const t = virtual - lo;
  const a = sorted[lo];
  const b = sorted[lo + 1];
  const diff = b - a;
  // numpy interpolates from the nearer end so the result is exact at both ends (np.lib.function_base._lerp).
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** numpy.linspace(0, 100, k + 1) / 100, as numpy.percentile computes its quantiles. */
export function evenQuantiles(k: number): number[] {
  const step = 100 / k;
  const out: number[] = [];
  for (let i = 0; i <= k; i++) out.push((i === k ? 100 : i * step) / 100);
  return out;
}

export function median(values: Float64Array): number {
  const sorted = sortedPresent(values);
  const n = sorted.length;
  if (n === 0) return NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface Moments {
  count: number;
  mean: number;
  /** Population standard deviation (ddof 0). */
  std: number;
  min: number;
  max: number;
}

export function moments(values: Float64Array): Moments {
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    count++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (count === 0) return { count, mean: NaN, std: NaN, min: NaN, max: NaN };
  const mean = sum / count;
  let ss = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isNaN(v)) ss += (v - mean) * (v - mean);
  }
  return { count, mean, std: Math.sqrt(ss / count), min, max };
}

export function countMissingValues(values: Float64Array): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) n++;
  return n;
}
