/**
 * Every large buffer one boosting fit needs, laid out once in a single block of memory: a
 * WebAssembly memory when the kernels compile (so they work on the arrays in place, with no
 * copying), or a plain ArrayBuffer and the TypeScript kernels otherwise. The rest of the fit
 * sees the same typed-array views either way.
 */
import { binRows, type BinMapper } from './binMapper';
import { FRACTION, POWER } from './fastExp';
import { BIN_STRIDE, FEATURE_STRIDE, jsHistCounts, jsHistSums, jsPartition, transposeBins } from './gbdtHistogram';
import type { GbdtLoss } from './gbdtLoss';
import { POWER_OFFSET } from './gbdtWasmGradients';
import { instantiateKernels } from './gbdtWasmKernels';

export interface GbdtWorkspace {
  readonly engine: 'wasm' | 'js';
  /** Training rows; each tree node owns a contiguous run. */
  readonly idx: Int32Array;
  /** Training targets and raw scores (class-major, output k at [k * n, (k + 1) * n)). */
  readonly y: Float64Array;
  readonly raw: Float64Array;
  /** Gradients and hessians, class-major like raw. */
  readonly g: Float32Array;
  readonly h: Float32Array;
  /** Column-major bins (colBins[f * n + row]), read by the partition. */
  readonly colBins: Uint8Array;
  /** Row-major bins (rowBins[row * cols + f]), read by the histogram pass. */
  readonly rowBins: Uint8Array;
  /** Output of `buildHistogram`, cols * FEATURE_STRIDE doubles. */
  readonly hist: Float64Array;
  /** Bins the training rows (rowIds[i] of row-major X is row i) into colBins and rowBins. */
  binTrainingRows(X: Float32Array, cols: number, rowIds: Int32Array, mapper: BinMapper): void;
  /** loss.gradients(y, raw, g, h), in WebAssembly where the loss has a kernel. */
  gradients(loss: GbdtLoss): number;
  /** Fills `hist` from the rows idx[start..end) and output k's gradients. */
  buildHistogram(k: number, start: number, end: number, constantHessian: boolean): void;
  /**
   * Partitions idx[start..end) in place, stably: rows of `feature` in bins 0..bin (and missing
   * ones when missingLeft) first. Returns where the right part starts.
   */
  partition(start: number, end: number, feature: number, bin: number, missingLeft: boolean): number;
}

/** n training rows, cols features, `outputs` trees per round. */
export function createWorkspace(n: number, cols: number, outputs: number, allowWasm = true): GbdtWorkspace {
  // Byte offsets; every region is a multiple of 8 bytes, so every view is aligned.
  let size = 0;
  const take = (bytes: number): number => {
    const at = size;
    size += Math.ceil(bytes / 8) * 8;
    return at;
  };
  const at = {
    hist: take(cols * FEATURE_STRIDE * 8),
    y: take(n * 8),
    raw: take(n * outputs * 8),
    tables: take((FRACTION.length + POWER.length) * 8),
    idx: take(n * 4),
    scratch: take(n * 4),
    g: take(n * outputs * 4),
    h: take(n * outputs * 4),
    colBins: take(n * cols),
    rowBins: take(n * cols),
  };
  let memory: WebAssembly.Memory | null = null;
  if (allowWasm && typeof WebAssembly === 'object') {
    try {
      memory = new WebAssembly.Memory({ initial: Math.ceil(size / 65536) });
    } catch {
      memory = null; // more than WebAssembly can address: the TypeScript kernels use an ArrayBuffer
    }
  }
  const kernels = memory ? instantiateKernels(memory) : null;
  const buffer = kernels && memory ? memory.buffer : new ArrayBuffer(size);
  const y = new Float64Array(buffer, at.y, n);
  const raw = new Float64Array(buffer, at.raw, n * outputs);
  new Float64Array(buffer, at.tables, FRACTION.length).set(FRACTION);
  new Float64Array(buffer, at.tables + POWER_OFFSET, POWER.length).set(POWER);
  const idx = new Int32Array(buffer, at.idx, n);
  const scratch = new Int32Array(buffer, at.scratch, n);
  const g = new Float32Array(buffer, at.g, n * outputs);
  const h = new Float32Array(buffer, at.h, n * outputs);
  const colBins = new Uint8Array(buffer, at.colBins, n * cols);
  const rowBins = new Uint8Array(buffer, at.rowBins, n * cols);
  const hist = new Float64Array(buffer, at.hist, cols * FEATURE_STRIDE);

  const buildHistogram = (k: number, start: number, end: number, constantHessian: boolean): void => {
    hist.fill(0);
    if (kernels) {
      const fn = constantHessian ? kernels.histCounts : kernels.histSums;
      fn(at.idx, start, end, at.g + k * n * 4, at.h + k * n * 4, at.rowBins, cols, at.hist);
    } else if (constantHessian) {
      jsHistCounts(idx, start, end, g.subarray(k * n, (k + 1) * n), rowBins, cols, hist);
    } else {
      jsHistSums(idx, start, end, g.subarray(k * n, (k + 1) * n), h.subarray(k * n, (k + 1) * n), rowBins, cols, hist);
    }
    // Every hessian is 1: the hessian sum of a bin is its row count.
    if (constantHessian) for (let b = 0; b < hist.length; b += BIN_STRIDE) hist[b + 1] = hist[b + 2];
  };

  const partition = (start: number, end: number, feature: number, bin: number, missingLeft: boolean): number => {
    // Shifting every bin up by one maps the missing bin 255 to 0, below any threshold.
    const shift = missingLeft ? 1 : 0;
    if (kernels) return kernels.partition(at.idx, at.scratch, start, end, at.colBins + feature * n, shift, bin + shift);
    return jsPartition(idx, scratch, start, end, colBins.subarray(feature * n, (feature + 1) * n), shift, bin + shift);
  };

  const gradients = (loss: GbdtLoss): number => {
    if (kernels && loss.wasmGradients) return kernels.binaryGradients(at.raw, at.y, at.g, at.h, n, at.tables);
    return loss.gradients(y, raw, g, h);
  };

  const binTrainingRows = (X: Float32Array, xCols: number, rowIds: Int32Array, mapper: BinMapper): void => {
    if (!kernels) {
      binRows(X, xCols, rowIds, mapper, colBins);
    } else {
      // Before any gradient exists, g and hist serve as scratch for one column and its edges.
      for (let f = 0; f < xCols; f++) {
        for (let i = 0; i < n; i++) g[i] = X[rowIds[i] * xCols + f];
        const edges = mapper.edges[f];
        hist.set(edges);
        kernels.binColumn(at.g, n, at.hist, edges.length, at.colBins + f * n);
      }
    }
    transposeBins(colBins, n, cols, rowBins);
  };

  return { engine: kernels ? 'wasm' : 'js', y, raw, idx, g, h, colBins, rowBins, hist, binTrainingRows, gradients, buildHistogram, partition };
}
