/**
 * The reliability diagram of a binary classifier, as scikit-learn 1.2's
 * calibration_curve(strategy='uniform'): probabilities go into `bins` equal-width bins over
 * [0, 1] (a probability on an inner edge falls in the lower bin, numpy's searchsorted), and
 * each non-empty bin gives the mean predicted probability and the share of positives. The row
 * count per bin is added, so the UI can show how much each point rests on.
 */

export interface CalibrationCurve {
  bins: number;
  /** The bins+1 edges, numpy.linspace(0, 1, bins + 1). */
  edges: number[];
  /** The rest describes the non-empty bins only, in order (as scikit-learn). */
  bin: number[];
  /** Mean predicted probability (scikit-learn's prob_pred). */
  meanPredicted: number[];
  /** Share of positives (scikit-learn's prob_true). */
  fractionPositive: number[];
  count: number[];
  rows: number;
}

export function calibrationCurve(positive: ArrayLike<boolean>, prob: ArrayLike<number>, bins = 10, strategy: 'uniform' = 'uniform'): CalibrationCurve {
  if (strategy !== 'uniform') throw new Error(`The calibration strategy "${String(strategy)}" is not supported; use "uniform".`);
  if (!(Number.isInteger(bins) && bins >= 1)) throw new Error(`The number of calibration bins is ${bins}; expected a positive integer.`);
  const n = prob.length;
  if (positive.length !== n) throw new Error(`There are ${n} probabilities for ${positive.length} rows.`);
  // numpy.linspace: i * step, with the last edge exactly 1.
  const step = 1 / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? 1 : i * step));
  const sums = new Float64Array(bins);
  const positives = new Float64Array(bins);
  const counts = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const p = prob[i];
    if (!(p >= 0 && p <= 1)) throw new Error(`Row ${i + 1} has the probability ${p}, outside [0, 1].`);
    let b = Math.min(bins - 1, Math.floor(p * bins));
    // The bin is the number of inner edges strictly below p.
    while (b > 0 && edges[b] >= p) b--;
    while (b < bins - 1 && edges[b + 1] < p) b++;
    sums[b] += p;
    if (positive[i]) positives[b]++;
    counts[b]++;
  }
  const out: CalibrationCurve = { bins, edges, bin: [], meanPredicted: [], fractionPositive: [], count: [], rows: n };
  for (let b = 0; b < bins; b++) {
    if (counts[b] === 0) continue;
    out.bin.push(b);
    out.meanPredicted.push(sums[b] / counts[b]);
    out.fractionPositive.push(positives[b] / counts[b]);
    out.count.push(counts[b]);
  }
  return out;
}
