/**
 * The numeric core of k-means, step for step as scikit-learn 1.2's KMeans(algorithm='lloyd'):
 * greedy k-means++ seeding, Lloyd iterations with its stopping rules, and its relocation of
 * empty clusters to the rows farthest from their centres. Everything is float64, X is read
 * as given (float32); centres are row-major k x cols Float64Arrays.
 */
import type { Rng } from '../random';
import { throwIfAborted, yieldToEventLoop } from './abort';

const YIELD_MS = 25;

export interface LloydResult {
  centers: Float64Array;
  labels: Int32Array;
  inertia: number;
  /** Lloyd iterations run (scikit-learn's n_iter_). */
  iterations: number;
}

export interface LloydOptions {
  maxIterations: number;
  /** Absolute tolerance on the squared centre shift; see `absoluteTolerance`. */
  tolerance: number;
  signal?: AbortSignal;
}

/** scikit-learn's `_tolerance`: tol times the mean of the per-column (ddof 0) variances. */
export function absoluteTolerance(X: Float32Array, rows: number, cols: number, tol: number): number {
  if (tol === 0) return 0;
  let total = 0;
  for (let j = 0; j < cols; j++) {
    let mean = 0;
    for (let r = 0; r < rows; r++) mean += X[r * cols + j];
    mean /= rows;
    let squares = 0;
    for (let r = 0; r < rows; r++) squares += (X[r * cols + j] - mean) ** 2;
    total += squares / rows;
  }
  return (total / cols) * tol;
}

function squaredDistance(X: Float32Array, row: number, centers: ArrayLike<number>, center: number, cols: number): number {
  let d = 0;
  for (let j = 0; j < cols; j++) {
    const diff = X[row * cols + j] - centers[center * cols + j];
    d += diff * diff;
  }
  return d;
}

/**
 * Index of the nearest centre, the lowest index on ties (scikit-learn keeps the first minimum).
 * A centre is abandoned once its partial sum reaches the best distance: the terms are not
 * negative, so it could not have won, and the answer is exactly that of the full scan.
 */
export function nearestCenter(X: Float32Array, row: number, centers: ArrayLike<number>, k: number, cols: number): number {
  let best = 0;
  let bestDistance = Infinity;
  const base = row * cols;
  for (let c = 0; c < k; c++) {
    let d = 0;
    const cb = c * cols;
    for (let j = 0; j < cols && d < bestDistance; j++) {
      const diff = X[base + j] - centers[cb + j];
      d += diff * diff;
    }
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

/** Sum of squared distances of the rows to their labelled centres. */
export function inertiaOf(X: Float32Array, rows: number, cols: number, centers: Float64Array, labels: Int32Array): number {
  let inertia = 0;
  for (let r = 0; r < rows; r++) inertia += squaredDistance(X, r, centers, labels[r], cols);
  return inertia;
}

/**
 * Greedy k-means++ (scikit-learn's `_kmeans_plusplus`): a uniform first centre, then for each
 * next centre 2 + floor(ln k) candidates drawn with probability proportional to the squared
 * distance to the nearest centre so far, keeping the candidate that lowers the total most.
 */
export function kMeansPlusPlus(X: Float32Array, rows: number, cols: number, k: number, rng: Rng): Float64Array {
  const centers = new Float64Array(k * cols);
  const trials = 2 + Math.floor(Math.log(k));
  const setCenter = (c: number, row: number) => {
    for (let j = 0; j < cols; j++) centers[c * cols + j] = X[row * cols + j];
  };
  setCenter(0, rng.int(rows));
  let closest = new Float64Array(rows);
  let potential = 0;
  for (let r = 0; r < rows; r++) potential += closest[r] = squaredDistance(X, r, centers, 0, cols);
  const cumulative = new Float64Array(rows);
  let candidate = new Float64Array(rows);
  let best = new Float64Array(rows);
  for (let c = 1; c < k; c++) {
    let sum = 0;
    for (let r = 0; r < rows; r++) cumulative[r] = sum += closest[r];
    let bestPotential = Infinity;
    let bestRow = 0;
    for (let t = 0; t < trials; t++) {
      // numpy's searchsorted(side='left'): the first row whose running total reaches the draw.
      const draw = rng.next() * potential;
      let lo = 0;
      let hi = rows;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulative[mid] < draw) lo = mid + 1;
        else hi = mid;
      }
      const row = Math.min(lo, rows - 1);
      let candidatePotential = 0;
      for (let r = 0; r < rows; r++) {
        let d = 0;
        for (let j = 0; j < cols; j++) {
          const diff = X[r * cols + j] - X[row * cols + j];
          d += diff * diff;
        }
        candidatePotential += candidate[r] = Math.min(closest[r], d);
      }
      if (candidatePotential < bestPotential) {
        bestPotential = candidatePotential;
        bestRow = row;
        [best, candidate] = [candidate, best];
      }
    }
    setCenter(c, bestRow);
    potential = bestPotential;
    [closest, best] = [best, closest];
  }
  return centers;
}

/**
 * scikit-learn's `_relocate_empty_clusters_dense`: each empty cluster takes one of the rows
 * farthest from their current centres (farthest first, lower index on ties), which leaves its
 * old cluster. When every row sits on its centre (more clusters than distinct rows) there is
 * nothing to move and the cluster stays empty.
 */
function relocateEmptyClusters(X: Float32Array, rows: number, cols: number, k: number, oldCenters: Float64Array, sums: Float64Array, counts: Float64Array, labels: Int32Array): void {
  const empty: number[] = [];
  for (let c = 0; c < k; c++) if (counts[c] === 0) empty.push(c);
  if (empty.length === 0) return;
  const distances = Float64Array.from({ length: rows }, (_, r) => squaredDistance(X, r, oldCenters, labels[r], cols));
  let max = 0;
  for (const d of distances) max = Math.max(max, d);
  if (max === 0) return;
  for (const cluster of empty) {
    let far = 0;
    for (let r = 1; r < rows; r++) if (distances[r] > distances[far]) far = r;
    distances[far] = -1;
    const old = labels[far];
    for (let j = 0; j < cols; j++) {
      const x = X[far * cols + j];
      sums[old * cols + j] -= x;
      sums[cluster * cols + j] = x;
    }
    counts[cluster] = 1;
    counts[old] -= 1;
  }
}

/**
 * One Lloyd step: assigns the rows to `centers`, writes the new means to `next` and returns
 * the squared centre shift. A cluster left empty keeps its centre (scikit-learn would move it
 * to the data mean), so no centre is ever NaN.
 */
function lloydStep(X: Float32Array, rows: number, cols: number, k: number, centers: Float64Array, next: Float64Array, counts: Float64Array, labels: Int32Array): number {
  next.fill(0);
  counts.fill(0);
  for (let r = 0; r < rows; r++) {
    const c = nearestCenter(X, r, centers, k, cols);
    labels[r] = c;
    counts[c]++;
    for (let j = 0; j < cols; j++) next[c * cols + j] += X[r * cols + j];
  }
  relocateEmptyClusters(X, rows, cols, k, centers, next, counts, labels);
  let shift = 0;
  for (let c = 0; c < k; c++) {
    // scikit-learn multiplies by the reciprocal; doing the same keeps the last bit equal.
    const alpha = counts[c] > 0 ? 1 / counts[c] : 0;
    for (let j = 0; j < cols; j++) {
      const i = c * cols + j;
      next[i] = counts[c] > 0 ? next[i] * alpha : centers[i];
      shift += (next[i] - centers[i]) ** 2;
    }
  }
  return shift;
}

/**
 * Lloyd's algorithm from given centres (scikit-learn's `_kmeans_single_lloyd`): stops when the
 * labels repeat or the squared centre shift is at most the tolerance; unless the labels
 * repeated, assigns the rows once more so that the labels match the final centres.
 */
export async function lloyd(X: Float32Array, rows: number, cols: number, initialCenters: Float64Array, k: number, options: LloydOptions): Promise<LloydResult> {
  let centers = Float64Array.from(initialCenters);
  let next = new Float64Array(k * cols);
  const counts = new Float64Array(k);
  const labels = new Int32Array(rows).fill(-1);
  const previous = new Int32Array(rows).fill(-1);
  let strict = false;
  let iterations = 0;
  let lastYield = performance.now();
  while (iterations < options.maxIterations) {
    throwIfAborted(options.signal);
    const shift = lloydStep(X, rows, cols, k, centers, next, counts, labels);
    iterations++;
    [centers, next] = [next, centers];
    if (sameArrays(labels, previous)) {
      strict = true;
      break;
    }
    if (shift <= options.tolerance) break;
    previous.set(labels);
    if (performance.now() - lastYield > YIELD_MS) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
  }
  if (!strict) for (let r = 0; r < rows; r++) labels[r] = nearestCenter(X, r, centers, k, cols);
  return { centers, labels, inertia: inertiaOf(X, rows, cols, centers, labels), iterations };
}

function sameArrays(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether two labellings are the same partition up to renaming (scikit-learn's `_is_same_clustering`). */
export function isSameClustering(a: Int32Array, b: Int32Array, k: number): boolean {
  const map = new Int32Array(k).fill(-1);
  for (let i = 0; i < a.length; i++) {
    if (map[a[i]] === -1) map[a[i]] = b[i];
    else if (map[a[i]] !== b[i]) return false;
  }
  return true;
}
