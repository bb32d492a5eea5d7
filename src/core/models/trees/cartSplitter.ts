/**
 * Split search for the CART trees (decision tree, random forest, extra trees) on binned
 * features. The forests reuse the boosting's quantile bins for speed: a split only has to be
 * tried at bin boundaries (at most 254 per feature) instead of at every distinct value, and
 * with at most 255 distinct values, the usual case for one-hot, integer and small data sets,
 * the bin edges are exactly scikit-learn's midpoints, so the splits are the same.
 *
 * Per bin the histogram holds S = 2 + T statistics: [rows, weight, T target sums], where the
 * target sums are the weight per class (gini) or the weighted sum of y (squared error). Both
 * criteria reduce to maximising the same kind of proxy (scikit-learn's "proxy improvement"):
 *   gini:          sum_k c_k^2 / w  over both children
 *   squared error: s^2 / w          over both children
 * and the weighted impurity decrease of a split is proxy(children) - proxy(parent).
 */

export interface CartSplit {
  feature: number;
  /** Finite values in bins 0..bin go left. */
  bin: number;
  missingLeft: boolean;
  /** Weighted impurity decrease: proxy(children) - proxy(parent). */
  gain: number;
}

/** Proxy of one side whose statistics start at `at` in `s` (T target sums after rows, weight). */
export function proxy(s: Float64Array, at: number, T: number): number {
  const w = s[at + 1];
  if (!(w > 0)) return 0;
  let sum = 0;
  for (let k = 0; k < T; k++) sum += s[at + 2 + k] * s[at + 2 + k];
  return sum / w;
}

export class CartSplitter {
  /** Stats per bin for one feature: 256 * S. */
  readonly hist: Float64Array;
  readonly S: number;
  private readonly left: Float64Array;
  private readonly trial: Float64Array;

  constructor(
    /** Target sums per bin: classes for gini, 1 for squared error. */
    readonly T: number,
    private readonly minSamplesLeaf: number,
  ) {
    this.S = 2 + T;
    this.hist = new Float64Array(256 * this.S);
    this.left = new Float64Array(this.S);
    // trial: [left stats, right stats] for one candidate.
    this.trial = new Float64Array(2 * this.S);
  }

  /**
   * Best split of the feature whose histogram is in `hist` (non-missing bins lo..hi present,
   * missing in bin 255), given the node's totals. With `onlyBin` >= 0 (extra trees) only that
   * boundary is tried. Writes into `best` when it beats best.gain (start from -Infinity: any valid split is taken,
   * as scikit-learn does); returns whether it did.
   */
  scan(feature: number, lo: number, hi: number, totals: Float64Array, parentProxy: number, onlyBin: number, best: CartSplit): boolean {
    const { hist, S, left } = this;
    const missingAt = 255 * S;
    const hasMissing = hist[missingAt] > 0;
    left.fill(0);
    let improved = false;
    // Boundaries lo..hi-1 split the finite values; hi itself (all finite left) only with missing values.
    const last = hasMissing ? hi : hi - 1;
    for (let b = lo; b <= last; b++) {
      // An empty bin moves no rows, so its boundary repeats the previous split: skip it
      // (deep nodes hold a few rows spread over many bins). The lowest boundary is kept.
      if (hist[b * S] === 0 && b !== onlyBin) continue;
      for (let j = 0; j < S; j++) left[j] += hist[b * S + j];
      if (onlyBin >= 0 && b !== onlyBin) continue;
      // Missing values right, then (when there are some) left; an invalid split scores -Infinity.
      for (let side = 0; side < (hasMissing ? 2 : 1); side++) {
        const gain = this.evaluate(totals, side === 1 ? missingAt : -1) - parentProxy;
        if (gain > best.gain) {
          best.feature = feature;
          best.bin = b;
          best.missingLeft = side === 1;
          best.gain = gain;
          improved = true;
        }
      }
    }
    return improved;
  }

  /** Proxy of the children (left = running prefix, plus the missing bin when at >= 0); -Infinity if a child is too small. */
  private evaluate(totals: Float64Array, missingAt: number): number {
    const { S, T, left, trial, hist } = this;
    for (let j = 0; j < S; j++) {
      const l = left[j] + (missingAt >= 0 ? hist[missingAt + j] : 0);
      trial[j] = l;
      trial[S + j] = totals[j] - l;
    }
    if (trial[0] < this.minSamplesLeaf || trial[S] < this.minSamplesLeaf) return -Infinity;
    return proxy(trial, 0, T) + proxy(trial, S, T);
  }
}
