/**
 * Best split of one node from its gradient histograms (scikit-learn's splitter): every feature,
 * every bin boundary, scored by the second-order loss reduction
 *   gain = G_L^2 / (H_L + l2) + G_R^2 / (H_R + l2) - G^2 / (H + l2).
 * Missing values get no fixed side: when the node has some, both sides are tried and the
 * better one is kept, which is how a tree learns what "missing" means for each feature.
 */
import { MISSING_BIN } from './binMapper';
import { BIN_STRIDE, FEATURE_STRIDE } from './gbdtHistogram';

export interface SplitRules {
  minSamplesLeaf: number;
  /** Smallest hessian sum of a child (scikit-learn's min_hessian_to_split). */
  minHessian: number;
  l2: number;
}

/** A node's best split; the right child's sums are the node's minus the left's. */
export interface GbdtSplit {
  gain: number;
  feature: number;
  /** Finite values in bins 0..bin go left. */
  bin: number;
  missingLeft: boolean;
  gL: number;
  hL: number;
  nL: number;
}

export function emptySplit(): GbdtSplit {
  return { gain: 0, feature: -1, bin: 0, missingLeft: false, gL: 0, hL: 0, nL: 0 };
}

/**
 * Writes the best split of the node (sums G, H over N rows) into `out`; false when no split
 * meets the rules or reduces the loss.
 */
export function findBestSplit(
  hist: Float64Array,
  binCounts: Int32Array,
  G: number,
  H: number,
  N: number,
  rules: SplitRules,
  out: GbdtSplit,
): boolean {
  const { minSamplesLeaf, minHessian, l2 } = rules;
  const parentScore = (G * G) / (H + l2);
  let best = 0;
  out.feature = -1;
  for (let f = 0; f < binCounts.length; f++) {
    const off = f * FEATURE_STRIDE;
    const nb = binCounts[f];
    const missing = off + MISSING_BIN * BIN_STRIDE;
    const nMissing = hist[missing + 2];
    // Left to right, missing values right. With missing values present the last boundary
    // (every finite value left) is a real split too: missing against the rest.
    const lastBin = nMissing > 0 ? nb - 1 : nb - 2;
    let gL = 0;
    let hL = 0;
    let nL = 0;
    for (let b = 0; b <= lastBin; b++) {
      const k = off + b * BIN_STRIDE;
      gL += hist[k];
      hL += hist[k + 1];
      nL += hist[k + 2];
      const nR = N - nL;
      if (nL < minSamplesLeaf) continue;
      if (nR < minSamplesLeaf) break;
      const hR = H - hL;
      if (hL < minHessian || hR < minHessian) continue;
      const gR = G - gL;
      const gain = (gL * gL) / (hL + l2) + (gR * gR) / (hR + l2) - parentScore;
      if (gain > best) {
        best = gain;
        set(out, gain, f, b, false, gL, hL, nL);
      }
    }
    if (nMissing === 0) continue;
    // Right to left, missing values left: the right side accumulates bins nb-1 down to b+1.
    let gR = 0;
    let hR = 0;
    let nR = 0;
    for (let b = nb - 2; b >= 0; b--) {
      const k = off + (b + 1) * BIN_STRIDE;
      gR += hist[k];
      hR += hist[k + 1];
      nR += hist[k + 2];
      const nLeft = N - nR;
      if (nR < minSamplesLeaf) continue;
      if (nLeft < minSamplesLeaf) break;
      const hLeft = H - hR;
      if (hR < minHessian || hLeft < minHessian) continue;
      const gLeft = G - gR;
      const gain = (gLeft * gLeft) / (hLeft + l2) + (gR * gR) / (hR + l2) - parentScore;
      if (gain > best) {
        best = gain;
        set(out, gain, f, b, true, gLeft, hLeft, nLeft);
      }
    }
  }
  return out.feature >= 0;
}

function set(out: GbdtSplit, gain: number, feature: number, bin: number, missingLeft: boolean, gL: number, hL: number, nL: number): void {
  out.gain = gain;
  out.feature = feature;
  out.bin = bin;
  out.missingLeft = missingLeft;
  out.gL = gL;
  out.hL = hL;
  out.nL = nL;
}
