/**
 * Area under the ROC curve from scores, via the rank-sum (Mann–Whitney U) identity with tied
 * scores sharing their average rank; this equals scikit-learn's trapezoidal ROC AUC exactly.
 */

/** Binary AUC of `positive[i]` against `score[i]`; NaN when either class is absent. */
export function binaryRocAuc(positive: ArrayLike<boolean>, score: ArrayLike<number>): number {
  const n = score.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[a] - score[b]);
  let nPos = 0;
  let rankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && score[order[end + 1]] === score[order[start]]) end++;
    // Ranks start..end (0-based) share the average 1-based rank.
    const rank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) {
      if (positive[order[i]]) {
        nPos++;
        rankSum += rank;
      }
    }
    start = end + 1;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/**
 * Binary: AUC of class 1. Multiclass: one-vs-rest, unweighted mean over classes.
 * scikit-learn refuses when a class is absent from y_true; here such classes are skipped (NaN
 * when none is left) so one rare class missing from a test split does not void the report.
 */
export function rocAuc(yTrue: Int32Array, proba: Float64Array, classes: number): number {
  const rows = yTrue.length;
  const column = (k: number): Float64Array => {
    const s = new Float64Array(rows);
    for (let r = 0; r < rows; r++) s[r] = proba[r * classes + k];
    return s;
  };
  const isClass = (k: number): boolean[] => Array.from(yTrue, (t) => t === k);
  if (classes === 2) return binaryRocAuc(isClass(1), column(1));
  let sum = 0;
  let count = 0;
  for (let k = 0; k < classes; k++) {
    const auc = binaryRocAuc(isClass(k), column(k));
    if (Number.isNaN(auc)) continue;
    sum += auc;
    count++;
  }
  return count > 0 ? sum / count : NaN;
}
