/**
 * Gradient histograms, the hot loop of histogram gradient boosting.
 *
 * Layout: per feature 256 bins (255 value bins + the missing bin) of three doubles
 * [sum of gradients, sum of hessians, row count], features back to back, so one node's
 * histograms are a single Float64Array that is reused from a pool instead of allocated.
 *
 * The pass reads a row-major copy of the bins (one row's bytes side by side) and goes row by
 * row, adding each row into every feature's histogram. Measured on 144,000 x 19 in Node 20,
 * that is about twice as fast as scikit-learn's feature-by-feature pass over column-major bins:
 * a row's bins share one cache line however scattered a node's rows are, its gradient is read
 * once, and consecutive additions land in different histograms, so they do not wait on each
 * other (with few distinct values per feature, feature-by-feature additions keep hitting the
 * same bin and stall on the previous store).
 */

export const BINS = 256;
/** Doubles per bin. */
export const BIN_STRIDE = 3;
/** Doubles per feature. */
export const FEATURE_STRIDE = BINS * BIN_STRIDE;

export interface HistogramInput {
  /** Row-major bins of the training rows: rowBins[row * cols + f]. */
  rowBins: Uint8Array;
  cols: number;
  /** Rows of every node, each node a contiguous run [start, end). */
  idx: Int32Array;
  g: Float32Array;
  h: Float32Array;
  constantHessian: boolean;
}

/** Fills `hist` with the sums of the rows idx[start..end). */
export function buildHistogram(hist: Float64Array, input: HistogramInput, start: number, end: number): void {
  const { rowBins, cols, idx, g, h, constantHessian } = input;
  hist.fill(0);
  if (!constantHessian) {
    rowSums(hist, rowBins, cols, idx, start, end, g, h);
    return;
  }
  rowCounts(hist, rowBins, cols, idx, start, end, g);
  // Every hessian is 1: the hessian sum of a bin is its row count.
  for (let b = 0; b < hist.length; b += BIN_STRIDE) hist[b + 1] = hist[b + 2];
}

// Two loops, each branch-free, so V8 compiles each to a tight loop.

function rowSums(hist: Float64Array, rowBins: Uint8Array, cols: number, idx: Int32Array, start: number, end: number, g: Float32Array, h: Float32Array): void {
  for (let i = start; i < end; i++) {
    const row = idx[i];
    const gi = g[row];
    const hi = h[row];
    const base = row * cols;
    for (let f = 0; f < cols; f++) {
      const b = f * FEATURE_STRIDE + rowBins[base + f] * BIN_STRIDE;
      hist[b] += gi;
      hist[b + 1] += hi;
      hist[b + 2] += 1;
    }
  }
}

function rowCounts(hist: Float64Array, rowBins: Uint8Array, cols: number, idx: Int32Array, start: number, end: number, g: Float32Array): void {
  for (let i = start; i < end; i++) {
    const row = idx[i];
    const gi = g[row];
    const base = row * cols;
    for (let f = 0; f < cols; f++) {
      const b = f * FEATURE_STRIDE + rowBins[base + f] * BIN_STRIDE;
      hist[b] += gi;
      hist[b + 2] += 1;
    }
  }
}

/** The sibling's histograms from the parent's: parent -= child, in the parent's buffer. */
export function subtractHistogram(parent: Float64Array, child: Float64Array): void {
  for (let i = 0; i < parent.length; i++) parent[i] -= child[i];
}

/** Row-major copy of column-major bins (n rows, cols features). */
export function rowMajorBins(colBins: Uint8Array, n: number, cols: number): Uint8Array {
  const out = new Uint8Array(n * cols);
  for (let f = 0; f < cols; f++) {
    const base = f * n;
    for (let i = 0; i < n; i++) out[i * cols + f] = colBins[base + i];
  }
  return out;
}
