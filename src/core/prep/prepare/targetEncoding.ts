/**
 * The target encoding of categories from one set of rows, as scikit-learn 1.3 computes it
 * (sklearn/preprocessing/_target_encoder_fast.pyx):
 * - smooth 'auto' (empirical Bayes, Micci-Barreca eq. 5-6): with the category's mean m_c, count n_c
 *   and within-category sum of squared deviations ss_c, and the rows' target variance v (ddof 0),
 *   lambda = v*n_c / (v*n_c + ss_c/n_c) and the encoding is lambda*m_c + (1 - lambda)*mean; a NaN
 *   lambda (v and ss_c both 0) gives the mean;
 * - smooth m (a number): (sum_c + m*mean) / (n_c + m).
 */
export interface EncodingStats {
  /** Per category slot. */
  encoding: Float64Array;
  counts: Float64Array;
  /** The mean target of the rows used. */
  mean: number;
}

export function encodeCategories(slot: Int32Array, y: Float64Array, use: Uint8Array, slots: number, smooth: 'auto' | number): EncodingStats {
  const sums = new Float64Array(slots);
  const counts = new Float64Array(slots);
  let total = 0;
  let n = 0;
  for (let i = 0; i < slot.length; i++) {
    if (!use[i]) continue;
    sums[slot[i]] += y[i];
    counts[slot[i]]++;
    total += y[i];
    n++;
  }
  const mean = total / n;
  const encoding = new Float64Array(slots);
  if (smooth !== 'auto') {
    for (let k = 0; k < slots; k++) encoding[k] = counts[k] + smooth === 0 ? mean : (sums[k] + smooth * mean) / (counts[k] + smooth);
    return { encoding, counts, mean };
  }
  let variance = 0;
  for (let i = 0; i < slot.length; i++) if (use[i]) variance += (y[i] - mean) * (y[i] - mean);
  variance /= n;
  const means = new Float64Array(slots);
  for (let k = 0; k < slots; k++) means[k] = sums[k] / counts[k];
  const squares = new Float64Array(slots);
  for (let i = 0; i < slot.length; i++) {
    if (!use[i]) continue;
    const d = y[i] - means[slot[i]];
    squares[slot[i]] += d * d;
  }
  for (let k = 0; k < slots; k++) {
    const lambda = (variance * counts[k]) / (variance * counts[k] + squares[k] / counts[k]);
    encoding[k] = Number.isNaN(lambda) ? mean : lambda * means[k] + (1 - lambda) * mean;
  }
  return { encoding, counts, mean };
}
