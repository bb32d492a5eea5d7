/**
 * From naive Bayes joint log likelihoods (rows x classes, row-major) to classes and
 * probabilities, shared by the Gaussian and the categorical model. A row where every class
 * scores -Infinity (only when the scores overflow) falls back to the class priors.
 */

/** Index of the first largest score of row r; the first largest prior if every class scores -Infinity. */
export function bestClass(jll: Float64Array, r: number, K: number, priors: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < K; k++) if (jll[r * K + k] > jll[r * K + best]) best = k;
  if (jll[r * K + best] !== -Infinity) return best;
  best = 0;
  for (let k = 1; k < K; k++) if (priors[k] > priors[best]) best = k;
  return best;
}

export function predictedClasses(jll: Float64Array, rows: number, K: number, priors: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: rows }, (_, r) => bestClass(jll, r, K, priors));
}

export function classProbabilities(jll: Float64Array, rows: number, K: number, priors: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows * K);
  for (let r = 0; r < rows; r++) {
    const max = jll[r * K + bestClass(jll, r, K, priors)];
    if (max === -Infinity) {
      for (let k = 0; k < K; k++) out[r * K + k] = priors[k];
      continue;
    }
    // exp(jll - logsumexp(jll)) as scikit-learn, written as a ratio: scikit-learn's
    // exp(jll - (max + log(sum))) loses ~ulp(max) when the scores are huge (1e9 for a near
    // constant input), so its rows can miss 1 by 1e-8; these sum to 1 to rounding.
    // exp(-Infinity) is 0 for a class without training rows.
    let sum = 0;
    for (let k = 0; k < K; k++) sum += out[r * K + k] = Math.exp(jll[r * K + k] - max);
    for (let k = 0; k < K; k++) out[r * K + k] /= sum;
  }
  return out;
}
