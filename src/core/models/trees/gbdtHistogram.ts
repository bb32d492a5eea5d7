/**
 * Gradient histograms and the row partition, the hot loops of histogram gradient boosting, in
 * TypeScript. gbdtWasmKernels.ts has the same loops in WebAssembly (faster, bit-identical);
 * these run where WebAssembly is unavailable, and tests compare the two.
 *
 * Histogram layout: per feature 256 bins (255 value bins + the missing bin) of three doubles
 * [sum of gradients, sum of hessians, row count], features back to back, so one node's
 * histograms are a single Float64Array, reused from a pool instead of allocated.
 *
 * The pass reads a row-major copy of the bins and goes row by row, adding each row into every
 * feature's histogram. Measured on 144,000 x 19 in Node 20, that is about twice as fast as
 * scikit-learn's feature-by-feature pass over column-major bins: a row's bins share one cache
 * line however scattered a node's rows are, its gradient is read once, and consecutive
 * additions land in different histograms, so they do not wait on each other (with few
 * distinct values per feature, feature-by-feature additions keep hitting the same bin and
 * stall on the previous store).
 */

export const BINS = 256;
/** Doubles per bin. */
export const BIN_STRIDE = 3;
/** Doubles per feature. */
export const FEATURE_STRIDE = BINS * BIN_STRIDE;

/** Adds g, h and 1 of each row of idx[start..end) into its bin of every feature. */
export function jsHistSums(idx: Int32Array, start: number, end: number, g: Float32Array, h: Float32Array, rowBins: Uint8Array, cols: number, hist: Float64Array): void {
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

/** jsHistSums with every hessian 1: adds g and 1 to the gradient and hessian sums; the caller copies the hessian sums into the counts. */
export function jsHistCounts(idx: Int32Array, start: number, end: number, g: Float32Array, rowBins: Uint8Array, cols: number, hist: Float64Array): void {
  for (let i = start; i < end; i++) {
    const row = idx[i];
    const gi = g[row];
    const base = row * cols;
    for (let f = 0; f < cols; f++) {
      const b = f * FEATURE_STRIDE + rowBins[base + f] * BIN_STRIDE;
      hist[b] += gi;
      hist[b + 1] += 1;
    }
  }
}

/**
 * Stable partition of idx[start..end): rows with ((col[row] + shift) & 255) <= limit first;
 * returns where the second part starts. Branch-free (a coin-flip branch per row would
 * mispredict half the time): each row is written to both places and only one cursor moves.
 */
export function jsPartition(idx: Int32Array, scratch: Int32Array, start: number, end: number, col: Uint8Array, shift: number, limit: number): number {
  let l = start;
  let r = 0;
  for (let i = start; i < end; i++) {
    const row = idx[i];
    const goLeft = (((col[row] + shift) & 255) - limit - 1) >>> 31;
    idx[l] = row;
    scratch[r] = row;
    l += goLeft;
    r += goLeft ^ 1;
  }
  for (let i = 0; i < r; i++) idx[l + i] = scratch[i];
  return l;
}

/** The sibling's histograms from the parent's: parent -= child, in the parent's buffer. */
export function subtractHistogram(parent: Float64Array, child: Float64Array): void {
  for (let i = 0; i < parent.length; i++) parent[i] -= child[i];
}

/** Writes the row-major copy of column-major bins (n rows, cols features) into `out`. */
export function transposeBins(colBins: Uint8Array, n: number, cols: number, out: Uint8Array): void {
  for (let f = 0; f < cols; f++) {
    const base = f * n;
    for (let i = 0; i < n; i++) out[i * cols + f] = colBins[base + i];
  }
}
