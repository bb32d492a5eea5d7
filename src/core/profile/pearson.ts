/**
 * Pairwise-complete Pearson correlation, like pandas `DataFrame.corr()`: each pair uses the rows
 * where both columns are present; a pair with fewer than two such rows or a constant column gets null.
 *
 * Fast on large tables: values are shifted by their column mean (so one-pass moments stay
 * accurate) and processed in row blocks that fit in cache, so each column is read from memory
 * once rather than once per pair; the products of a block's pairs run in WebAssembly SIMD
 * (blockDots) where the engine has it.
 */
import { blockDots } from './blockDots';

export interface NumericSeries {
  /** Float32Array serves ranks (exact half-integers), which halves their memory. */
  values: Float64Array | Float32Array;
  missing: Uint8Array;
  /** The mean of the present values, when already known (saves a pass); only used as a shift. */
  mean?: number | null;
  /** True when no value is missing or NaN (saves the checks, row by row). */
  complete?: boolean;
}

const BLOCK = 1024;
/** Up to this many gaps in a block, a pair's sums are corrected gap by gap (else weighted row by row). */
const SPARSE_GAPS = BLOCK / 8;
/** Per pair: rows where both are present, sums of x, y, x*x, y*y, x*y (shifted values). */
const MOMENTS = 6;

export function pearsonMatrix(series: NumericSeries[]): (number | null)[][] {
  const k = series.length;
  const n = k ? series[0].values.length : 0;
  const shifts = series.map((c) => (c.mean != null && Number.isFinite(c.mean) ? c.mean : columnMean(c)));
  const moments = new Float64Array(k * k * MOMENTS);
  // The current block, per column: shifted values (0 where missing) and presence (1/0). The
  // values sit in the WebAssembly kernel's memory when it is available.
  const kernel = blockDots(k, BLOCK);
  const x = kernel ? kernel.columns : series.map(() => new Float64Array(BLOCK));
  const w = series.map(() => new Float64Array(BLOCK));
  const gaps = new Uint8Array(k);
  // Where each column's gaps are in the current block (the first SPARSE_GAPS of them) and how many.
  const gapAt = series.map(() => new Int32Array(SPARSE_GAPS));
  const gapCount = new Int32Array(k);
  const colSum = new Float64Array(k);
  const colSq = new Float64Array(k);
  const colCount = new Float64Array(k);
  const sums = new Float64Array(3);
  const presentTotal = new Float64Array(k);
  const sqTotal = new Float64Array(k);
  let len = 0;
  const addPair = (a: number, b: number, sab: number): void => {
    const m = (a * k + b) * MOMENTS;
    moments[m + 5] += sab;
    if (!gaps[a] && !gaps[b]) {
      moments[m] += len;
      moments[m + 1] += colSum[a];
      moments[m + 2] += colSum[b];
      moments[m + 3] += colSq[a];
      moments[m + 4] += colSq[b];
    } else if (gapCount[a] <= SPARSE_GAPS && gapCount[b] <= SPARSE_GAPS) {
      // Few gaps: subtract the other column's gap rows from the block sums instead of weighting every row.
      const ga = gapAt[a];
      const gb = gapAt[b];
      moments[m] += gaps[a] && gaps[b] ? colCount[a] - gather(w[a], gb, gapCount[b]) : gaps[a] ? colCount[a] : colCount[b];
      moments[m + 1] += colSum[a] - gather(x[a], gb, gapCount[b]);
      moments[m + 2] += colSum[b] - gather(x[b], ga, gapCount[a]);
      moments[m + 3] += colSq[a] - gatherSquares(x[a], gb, gapCount[b]);
      moments[m + 4] += colSq[b] - gatherSquares(x[b], ga, gapCount[a]);
    } else {
      // Weighting by the other column's presence keeps the rows where both are present.
      const wa = w[a];
      const wb = w[b];
      moments[m] += gaps[a] && gaps[b] ? dot(wa, wb, len) : gaps[a] ? colCount[a] : colCount[b];
      moments[m + 1] += gaps[b] ? dot(x[a], wb, len) : colSum[a];
      moments[m + 2] += gaps[a] ? dot(wa, x[b], len) : colSum[b];
      moments[m + 3] += gaps[b] ? weightedSquares(x[a], wb, len) : colSq[a];
      moments[m + 4] += gaps[a] ? weightedSquares(x[b], wa, len) : colSq[b];
    }
  };
  for (let start = 0; start < n; start += BLOCK) {
    len = Math.min(BLOCK, n - start);
    for (let a = 0; a < k; a++) {
      gaps[a] = loadBlock(series[a], shifts[a], start, len, x[a], w[a], sums);
      // The kernel reads rows in pairs: the row after an odd last block must add nothing.
      if (len % 2) x[a][len] = 0;
      gapCount[a] = gaps[a] ? listGaps(w[a], len, gapAt[a]) : 0;
      colSum[a] = sums[0];
      colSq[a] = sums[1];
      colCount[a] = sums[2];
      presentTotal[a] += sums[2];
      sqTotal[a] += sums[1];
    }
    for (let a = 0; a < k; a++) {
      // Missing cells hold 0, so x*y summed over all rows is already the pairwise-complete sum.
      const products = kernel?.dots(a, len);
      for (let b = a + 1; b < k; b++) addPair(a, b, products ? products[b] : dot(x[a], x[b], len));
    }
  }
  const out: (number | null)[][] = series.map(() => new Array<number | null>(k).fill(null));
  for (let a = 0; a < k; a++) {
    out[a][a] = presentTotal[a] >= 2 && sqTotal[a] > 0 && Number.isFinite(sqTotal[a]) ? 1 : null;
    for (let b = a + 1; b < k; b++) {
      const m = (a * k + b) * MOMENTS;
      const r = fromMoments(moments.subarray(m, m + MOMENTS));
      out[a][b] = r;
      out[b][a] = r;
    }
  }
  return out;
}

/**
 * Fills one block of a column: shifted values (0 where missing) always, presence only when the
 * block has a missing cell. Leaves [sum, sum of squares, present count] in `sums`;
 * returns 1 when the block has a missing cell.
 */
function loadBlock(
  { values, missing, complete }: NumericSeries,
  shift: number,
  start: number,
  len: number,
  x: Float64Array,
  w: Float64Array,
  sums: Float64Array,
): number {
  let s = 0;
  let ss = 0;
  if (complete) {
    for (let i = 0; i < len; i++) {
      const d = values[start + i] - shift;
      x[i] = d;
      s += d;
      ss += d * d;
    }
    sums[0] = s;
    sums[1] = ss;
    sums[2] = len;
    return 0;
  }
  let gaps = 0;
  let count = 0;
  for (let i = 0; i < len; i++) {
    const v = values[start + i];
    if (missing[start + i] || v !== v) {
      x[i] = 0;
      gaps = 1;
    } else {
      const d = v - shift;
      x[i] = d;
      s += d;
      ss += d * d;
      count++;
    }
  }
  if (gaps) {
    for (let i = 0; i < len; i++) {
      const v = values[start + i];
      w[i] = missing[start + i] || v !== v ? 0 : 1;
    }
  }
  sums[0] = s;
  sums[1] = ss;
  sums[2] = count;
  return gaps;
}

/** Lists the positions where `w` is 0 into `at`; returns their count, or SPARSE_GAPS + 1 once there are too many. */
function listGaps(w: Float64Array, len: number, at: Int32Array): number {
  let count = 0;
  for (let i = 0; i < len; i++) {
    if (w[i] !== 0) continue;
    if (count === SPARSE_GAPS) return SPARSE_GAPS + 1;
    at[count++] = i;
  }
  return count;
}

function gather(x: Float64Array, at: Int32Array, count: number): number {
  let s = 0;
  for (let i = 0; i < count; i++) s += x[at[i]];
  return s;
}

function gatherSquares(x: Float64Array, at: Int32Array, count: number): number {
  let s = 0;
  for (let i = 0; i < count; i++) {
    const v = x[at[i]];
    s += v * v;
  }
  return s;
}

/** Dot product with four accumulators, so the additions do not wait on each other. */
function dot(a: Float64Array, b: Float64Array, len: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < len; i += 4) {
    s0 += a[i] * b[i];
    s1 += a[i + 1] * b[i + 1];
    s2 += a[i + 2] * b[i + 2];
    s3 += a[i + 3] * b[i + 3];
  }
  for (; i < len; i++) s0 += a[i] * b[i];
  return s0 + s1 + (s2 + s3);
}

/** Sum of x[i]^2 * w[i]. */
function weightedSquares(x: Float64Array, w: Float64Array, len: number): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += x[i] * x[i] * w[i];
  return s;
}

function columnMean({ values, missing }: NumericSeries): number {
  let count = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (missing[i] || v !== v) continue;
    count++;
    sum += v;
  }
  const mean = count ? sum / count : 0;
  return Number.isFinite(mean) ? mean : 0;
}

function fromMoments([count, sa, sb, saa, sbb, sab]: Float64Array): number | null {
  if (count < 2) return null;
  const ssx = saa - (sa * sa) / count;
  const ssy = sbb - (sb * sb) / count;
  const cov = sab - (sa * sb) / count;
  const divisor = Math.sqrt(ssx) * Math.sqrt(ssy);
  if (!(divisor > 0) || !Number.isFinite(divisor)) return null;
  const r = cov / divisor;
  if (!Number.isFinite(r)) return null;
  return Math.max(-1, Math.min(1, r));
}
