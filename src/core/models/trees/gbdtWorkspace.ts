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
import { CONTROL_BYTES, KernelThread, kernelThreadsAvailable } from './kernelThread';

/**
 * A node with at least this many rows sums its histogram in two halves (the second into its
 * own buffer, then added): on a helper thread when there is one, in turn otherwise. The rule
 * depends only on the row count, so the sums, and the trees, are the same bits either way.
 */
export const SPLIT_ROWS = 16_384;
/** Fits this small are over before a helper thread would have started. */
const THREAD_MIN_ROWS = 50_000;

/** The kernels a workspace runs: WebAssembly with SIMD, plain WebAssembly, or TypeScript. */
export type GbdtEngine = 'wasm-simd' | 'wasm' | 'js';

export interface GbdtWorkspace {
  readonly engine: GbdtEngine;
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
  /** Histogram halves summed on the helper thread so far (0 without one). */
  helperJobs(): number;
  /** Stops the helper thread, if any; call it when the fit is over. */
  close(): void;
}

/**
 * n training rows, cols features, `outputs` trees per round. `best` is the fastest engine this
 * thread can run; tests ask for each engine to show they agree bit for bit.
 */
export function createWorkspace(n: number, cols: number, outputs: number, best: GbdtEngine = 'wasm-simd'): GbdtWorkspace {
  // Byte offsets; every region is a multiple of 8 bytes, so every view is aligned.
  let size = 0;
  const take = (bytes: number): number => {
    const at = size;
    size += Math.ceil(bytes / 8) * 8;
    return at;
  };
  const at = {
    hist: take(cols * FEATURE_STRIDE * 8),
    hist2: take(cols * FEATURE_STRIDE * 8),
    control: take(CONTROL_BYTES),
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
  const newMemory = (sharedMemory: boolean): WebAssembly.Memory | null => {
    if (best === 'js' || typeof WebAssembly !== 'object') return null;
    const pages = Math.ceil(size / 65536);
    try {
      return new WebAssembly.Memory(sharedMemory ? { initial: pages, maximum: pages, shared: true } : { initial: pages });
    } catch {
      return null; // more than WebAssembly can address: the TypeScript kernels use an ArrayBuffer
    }
  };
  const wantShared = best !== 'js' && n >= THREAD_MIN_ROWS && kernelThreadsAvailable();
  let memory = wantShared ? newMemory(true) : null;
  let shared = memory !== null;
  let loaded = memory ? instantiateKernels(memory, best === 'wasm-simd', true) : null;
  if (!loaded) {
    // No shared memory here (a page without cross-origin isolation): one thread, same results.
    shared = false;
    memory = newMemory(false);
    loaded = memory ? instantiateKernels(memory, best === 'wasm-simd') : null;
  }
  const kernels = loaded?.kernels ?? null;
  const buffer = kernels && memory ? memory.buffer : new ArrayBuffer(size);
  let helper: KernelThread | null = null;
  if (shared && loaded && memory) {
    try {
      helper = new KernelThread({ memory, module: loaded.module, engine: loaded.kernels.engine, control: at.control });
    } catch {
      helper = null; // no thread could be started: the halves are summed in turn
    }
  }
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
  const hist2 = new Float64Array(buffer, at.hist2, cols * FEATURE_STRIDE);

  /** Sums rows idx[start..end) into the histogram at byte offset `into` (its view `out`). */
  const sumRows = (k: number, start: number, end: number, constantHessian: boolean, into: number, out: Float64Array): void => {
    if (kernels) {
      const fn = constantHessian ? kernels.histCounts : kernels.histSums;
      fn(at.idx, start, end, at.g + k * n * 4, at.h + k * n * 4, at.rowBins, cols, into);
    } else if (constantHessian) {
      jsHistCounts(idx, start, end, g.subarray(k * n, (k + 1) * n), rowBins, cols, out);
    } else {
      jsHistSums(idx, start, end, g.subarray(k * n, (k + 1) * n), h.subarray(k * n, (k + 1) * n), rowBins, cols, out);
    }
  };

  const buildHistogram = (k: number, start: number, end: number, constantHessian: boolean): void => {
    hist.fill(0);
    if (end - start < SPLIT_ROWS) {
      sumRows(k, start, end, constantHessian, at.hist, hist);
    } else {
      const mid = start + ((end - start) >> 1);
      hist2.fill(0);
      const job = constantHessian ? 'histCounts' : 'histSums';
      helper?.offer(job, [at.idx, mid, end, at.g + k * n * 4, at.h + k * n * 4, at.rowBins, cols, at.hist2]);
      sumRows(k, start, mid, constantHessian, at.hist, hist);
      if (!helper || helper.finish()) sumRows(k, mid, end, constantHessian, at.hist2, hist2);
      for (let i = 0; i < hist.length; i++) hist[i] += hist2[i];
    }
    // Every hessian is 1: a bin's row count is its hessian sum.
    if (constantHessian) for (let b = 0; b < hist.length; b += BIN_STRIDE) hist[b + 2] = hist[b + 1];
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

  const engine: GbdtEngine = kernels ? kernels.engine : 'js';
  let jobsBeforeClose = 0;
  const helperJobs = (): number => helper?.jobs ?? jobsBeforeClose;
  const close = (): void => {
    jobsBeforeClose = helperJobs();
    helper?.close();
    helper = null;
  };
  return { engine, helperJobs, close, y, raw, idx, g, h, colBins, rowBins, hist, binTrainingRows, gradients, buildHistogram, partition };
}
