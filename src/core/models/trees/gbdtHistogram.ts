/**
 * Gradient histograms, the hot loop of histogram gradient boosting.
 *
 * Layout: per feature 256 bins (255 value bins + the missing bin) of three doubles
 * [sum of gradients, sum of hessians, row count], features back to back, so one node's
 * histograms are a single Float64Array that is reused from a pool instead of allocated.
 */

export const BINS = 256;
/** Doubles per bin. */
export const BIN_STRIDE = 3;
/** Doubles per feature. */
export const FEATURE_STRIDE = BINS * BIN_STRIDE;

export interface HistogramInput {
  /** Column-major bins of the training rows: bins[f * n + row]. */
  bins: Uint8Array;
  n: number;
  cols: number;
  /** Rows of every node, each node a contiguous run [start, end). */
  idx: Int32Array;
  g: Float32Array;
  h: Float32Array;
  /** Scratch of length n: the node's gradients gathered in node order. */
  ordG: Float32Array;
  ordH: Float32Array;
  constantHessian: boolean;
}

/**
 * Fills `hist` for the rows idx[start..end). When the node holds every row (the root) the
 * rows are read in storage order, with no index indirection at all.
 */
export function buildHistogram(hist: Float64Array, input: HistogramInput, start: number, end: number): void {
  const { bins, n, cols, idx, g, h, ordG, ordH, constantHessian } = input;
  hist.fill(0);
  const m = end - start;
  const root = m === n;
  if (!root) {
    // Gathering once per node turns the per-feature gradient reads into a sequential scan
    // (scikit-learn's "ordered gradients"); only the one-byte bin read stays indirect.
    for (let i = 0; i < m; i++) ordG[i] = g[idx[start + i]];
    if (!constantHessian) for (let i = 0; i < m; i++) ordH[i] = h[idx[start + i]];
  }
  for (let f = 0; f < cols; f++) {
    const off = f * FEATURE_STRIDE;
    const base = f * n;
    if (root) {
      if (constantHessian) rootCounts(hist, bins, base, n, g, off);
      else rootSums(hist, bins, base, n, g, h, off);
    } else if (constantHessian) {
      nodeCounts(hist, bins, base, idx, start, m, ordG, off);
    } else {
      nodeSums(hist, bins, base, idx, start, m, ordG, ordH, off);
    }
    if (constantHessian) {
      // Every hessian is 1: the hessian sum of a bin is its row count.
      for (let b = off; b < off + FEATURE_STRIDE; b += BIN_STRIDE) hist[b + 1] = hist[b + 2];
    }
  }
}

// The four loops below are kept separate and branch-free so V8 compiles each to a tight loop.

function rootSums(hist: Float64Array, bins: Uint8Array, base: number, n: number, g: Float32Array, h: Float32Array, off: number): void {
  for (let i = 0; i < n; i++) {
    const b = off + bins[base + i] * BIN_STRIDE;
    hist[b] += g[i];
    hist[b + 1] += h[i];
    hist[b + 2] += 1;
  }
}

function rootCounts(hist: Float64Array, bins: Uint8Array, base: number, n: number, g: Float32Array, off: number): void {
  for (let i = 0; i < n; i++) {
    const b = off + bins[base + i] * BIN_STRIDE;
    hist[b] += g[i];
    hist[b + 2] += 1;
  }
}

function nodeSums(
  hist: Float64Array,
  bins: Uint8Array,
  base: number,
  idx: Int32Array,
  start: number,
  m: number,
  ordG: Float32Array,
  ordH: Float32Array,
  off: number,
): void {
  for (let i = 0; i < m; i++) {
    const b = off + bins[base + idx[start + i]] * BIN_STRIDE;
    hist[b] += ordG[i];
    hist[b + 1] += ordH[i];
    hist[b + 2] += 1;
  }
}

function nodeCounts(hist: Float64Array, bins: Uint8Array, base: number, idx: Int32Array, start: number, m: number, ordG: Float32Array, off: number): void {
  for (let i = 0; i < m; i++) {
    const b = off + bins[base + idx[start + i]] * BIN_STRIDE;
    hist[b] += ordG[i];
    hist[b + 2] += 1;
  }
}

/** The sibling's histograms from the parent's: parent -= child, in the parent's buffer. */
export function subtractHistogram(parent: Float64Array, child: Float64Array): void {
  for (let i = 0; i < parent.length; i++) parent[i] -= child[i];
}
