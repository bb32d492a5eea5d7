/**
 * Confusion counts of a binary classifier at candidate thresholds, so a UI slider can show
 * precision, recall, F1 and the confusion matrix live without the rows. A row is predicted
 * positive when its score >= the threshold.
 *
 * Candidates: every distinct score when they fit in `maxThresholds` (the table is then exact
 * at any threshold), else scores at evenly spaced ranks (quantiles of the observed scores,
 * lowest and highest included); 0.5, the default decision threshold, is always a candidate.
 */

export interface ThresholdRow {
  threshold: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface ThresholdTable {
  positives: number;
  negatives: number;
  /** Every distinct score is a row, so any threshold's counts are exact. */
  exact: boolean;
  /** Ascending by threshold. */
  rows: ThresholdRow[];
}

export interface ThresholdMetrics extends ThresholdRow {
  /** The threshold asked for; `threshold` is the row's. */
  requested: number;
  /** False when the counts are those of the next candidate above a threshold between candidates. */
  exact: boolean;
  /** The rest use zero_division = 0, as scikit-learn. */
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  /** fp / (fp + tn). */
  falsePositiveRate: number;
}

export function thresholdTable(positive: ArrayLike<boolean>, score: ArrayLike<number>, maxThresholds = 200): ThresholdTable {
  const n = score.length;
  if (positive.length !== n) throw new Error(`There are ${n} scores for ${positive.length} rows.`);
  if (!(Number.isInteger(maxThresholds) && maxThresholds >= 3)) throw new Error(`A threshold table needs at least 3 thresholds, got ${maxThresholds}.`);
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => score[a] - score[b]);
  const sorted = Float64Array.from(order, (i) => score[i]);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(sorted[i])) throw new Error(`A score is ${sorted[i]}; scores must be finite numbers.`);
  }
  // positivesBelow[i]: positives among the i lowest scores.
  const positivesBelow = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) positivesBelow[i + 1] = positivesBelow[i] + (positive[order[i]] ? 1 : 0);
  const positives = positivesBelow[n];
  const negatives = n - positives;

  const distinct: number[] = [];
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  const exact = new Set([...distinct, 0.5]).size <= maxThresholds;
  let candidates: number[];
  if (exact) {
    candidates = [...distinct, 0.5];
  } else {
    const picks = maxThresholds - 1;
    candidates = Array.from({ length: picks }, (_, i) => sorted[Math.round((i * (n - 1)) / (picks - 1))]);
    candidates.push(0.5);
  }
  const thresholds = [...new Set(candidates)].sort((a, b) => a - b);

  const rows = thresholds.map((threshold) => {
    const below = lowerBound(sorted, threshold);
    const tp = positives - positivesBelow[below];
    const fp = n - below - tp;
    return { threshold, tp, fp, tn: negatives - fp, fn: positives - tp };
  });
  return { positives, negatives, exact, rows };
}

/**
 * The counts and metrics at `threshold`: those of the lowest candidate >= threshold (the same
 * rows score at least either when no score lies between them), or all predicted negative
 * above the highest candidate, which is the highest score.
 */
export function metricsAtThreshold(table: ThresholdTable, threshold: number): ThresholdMetrics {
  const { rows, positives, negatives } = table;
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].threshold < threshold) lo = mid + 1;
    else hi = mid;
  }
  let row: ThresholdRow;
  let exact: boolean;
  if (lo === rows.length) {
    row = { threshold, tp: 0, fp: 0, tn: negatives, fn: positives };
    exact = true;
  } else {
    row = rows[lo];
    // Below the first candidate every row is positive already when that candidate has them all.
    const allPositive = row.tp + row.fp === positives + negatives;
    exact = table.exact || row.threshold === threshold || (lo === 0 && allPositive);
  }
  return { ...row, requested: threshold, exact, ...ratesOf(row) };
}

function ratesOf({ tp, fp, tn, fn }: ThresholdRow) {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const rows = tp + fp + tn + fn;
  return {
    precision,
    recall,
    f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    accuracy: rows > 0 ? (tp + tn) / rows : 0,
    falsePositiveRate: fp + tn > 0 ? fp / (fp + tn) : 0,
  };
}

/** The first index whose value is >= x in an ascending array. */
function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
