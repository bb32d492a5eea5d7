/**
 * The values a partial dependence plot is drawn at, as scikit-learn's `_grid_from_X` picks
 * them: for a numeric column, `resolution` evenly spaced points between two empirical
 * percentiles (scipy's `mquantiles`, alphap = betap = 0.4, as scikit-learn calls it), or its
 * distinct values when it has fewer than `resolution`; for a categorical column, its categories.
 * Missing cells are left out of the grid.
 */
import { compareText } from '../prep/compareText';

export interface GridOptions {
  /** Default 20. */
  resolution?: number;
  /** Default [0.05, 0.95]. */
  percentiles?: readonly [number, number];
  /** At most this many categories, the most frequent (default 50). */
  maxCategories?: number;
}

export const DEFAULT_GRID_RESOLUTION = 20;
export const DEFAULT_PERCENTILES: readonly [number, number] = [0.05, 0.95];
export const DEFAULT_MAX_CATEGORIES = 50;

/** The grid of a numeric column from its non-missing values. */
export function numericGrid(values: ArrayLike<number>, options: GridOptions = {}): number[] {
  const resolution = options.resolution ?? DEFAULT_GRID_RESOLUTION;
  const [lo, hi] = options.percentiles ?? DEFAULT_PERCENTILES;
  if (!(Number.isInteger(resolution) && resolution > 1)) throw new Error(`The grid needs more than 1 point, got ${resolution}.`);
  if (!(lo >= 0 && hi <= 1 && lo < hi)) throw new Error(`The percentiles must satisfy 0 <= low < high <= 1, got ${lo} and ${hi}.`);
  const sorted = Float64Array.from(values).filter((v) => !Number.isNaN(v)).sort();
  if (sorted.length === 0) return [];
  const uniques = distinctSorted(sorted);
  if (uniques.length < resolution) return uniques;
  const start = mquantile(sorted, lo);
  const stop = mquantile(sorted, hi);
  // scikit-learn refuses percentiles this close; the full range still gives a usable grid.
  if (isClose(start, stop)) return linspace(sorted[0], sorted[sorted.length - 1], resolution);
  return linspace(start, stop, resolution);
}

/** Categories with at least one row, the `maxCategories` most frequent, in code-unit order. */
export function categoricalGrid(labels: ArrayLike<string | number>, options: GridOptions = {}): Array<string | number> {
  const max = options.maxCategories ?? DEFAULT_MAX_CATEGORIES;
  const counts = new Map<string | number, number>();
  for (let i = 0; i < labels.length; i++) counts.set(labels[i], (counts.get(labels[i]) ?? 0) + 1);
  const order = (a: string | number, b: string | number) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : compareText(String(a), String(b));
  const kept = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || order(a[0], b[0]))
    .slice(0, max)
    .map(([value]) => value);
  return kept.sort(order);
}

/** scipy.stats.mstats.mquantiles of sorted data at probability p, alphap = betap = 0.4. */
export function mquantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 1) return sorted[0];
  // The same operations in the same order as scipy, so the grid matches to the last bit.
  const m = 0.4 + p * (1 - 0.4 - 0.4);
  const aleph = n * p + m;
  const k = Math.floor(Math.min(Math.max(aleph, 1), n - 1));
  const gamma = Math.min(Math.max(aleph - k, 0), 1);
  return (1 - gamma) * sorted[k - 1] + gamma * sorted[k];
}

/** numpy.linspace(start, stop, num): i * step + start, the last point exactly stop. */
export function linspace(start: number, stop: number, num: number): number[] {
  const step = (stop - start) / (num - 1);
  const out = Array.from({ length: num }, (_, i) => i * step + start);
  out[num - 1] = stop;
  return out;
}

function distinctSorted(sorted: Float64Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) out.push(sorted[i]);
  return out;
}

/** numpy.allclose's default tolerances for two scalars. */
function isClose(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b);
}
