/**
 * Histograms of residuals (y - ŷ) with numpy.histogram's bins: `bins` equal-width bins from the
 * lowest to the highest value (widened by 0.5 each way when all values are equal), each bin
 * half-open [a, b) except the last, which includes its upper edge.
 */
import { residualsOf } from './regressionReport';

export interface Histogram {
  /** bins + 1 edges, ascending. */
  edges: number[];
  counts: number[];
}

export const DEFAULT_HISTOGRAM_BINS = 30;

export function residualHistogram(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, bins = DEFAULT_HISTOGRAM_BINS): Histogram {
  return histogram(residualsOf(yTrue, yPred), bins);
}

export function histogram(values: ArrayLike<number>, bins = DEFAULT_HISTOGRAM_BINS): Histogram {
  if (!(Number.isInteger(bins) && bins >= 1)) throw new Error(`A histogram needs a positive whole number of bins, got ${bins}.`);
  const n = values.length;
  if (n === 0) return { edges: [], counts: [] };
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) throw new Error(`Value ${i + 1} is ${v}; a histogram needs finite numbers.`);
    if (v < first) first = v;
    if (v > last) last = v;
  }
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  // numpy.linspace(first, last, bins + 1) with the last edge exact.
  const step = (last - first) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? last : i * step + first));
  const norm = bins / (last - first);
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    // numpy's fast path: scale to a bin, then correct for rounding against the edges.
    let b = Math.trunc((v - first) * norm);
    if (b === bins) b--;
    if (v < edges[b]) b--;
    else if (b !== bins - 1 && v >= edges[b + 1]) b++;
    counts[b]++;
  }
  return { edges, counts };
}
