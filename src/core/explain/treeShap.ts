/**
 * Exact TreeSHAP for one tree (Lundberg et al. 2018, "Consistent individualized feature
 * attribution for tree ensembles", Algorithm 2; the "tree_path_dependent" perturbation of the
 * shap package): the Shapley values of f_x(S) = E[f(x) | x_S], where the expectation over the
 * features outside S follows the training cover of each branch. Polynomial in the tree's
 * size and depth, where the brute-force sum is exponential in the number of features.
 *
 * The walk follows the model's own traversal (compactTree.ts `leafOf`): a finite x goes left
 * when x <= threshold, a non-finite one (NaN or ±Infinity) goes where `missingLeft` says.
 */
import type { CompactTree } from '../models/trees/compactTree';

/** The path of unique features from the root, with each one's share of the cover. */
interface PathBuffers {
  feature: Int32Array;
  zero: Float64Array;
  one: Float64Array;
  weight: Float64Array;
}

const depthCache = new WeakMap<CompactTree, number>();
const expectedCache = new WeakMap<CompactTree, Float64Array>();

/** Whether the tree stores the training cover TreeSHAP needs. */
export function hasCover(tree: CompactTree): tree is CompactTree & { cover: Float64Array } {
  return tree.cover !== undefined && tree.cover.length === tree.feature.length;
}

/**
 * Adds `scale` times the tree's SHAP values for the row at X[base..] to `phi`, laid out
 * [feature * outputs + output]; the tree's leaf value k goes to output `firstOutput + k`.
 */
export function treeShap(tree: CompactTree, X: ArrayLike<number>, base: number, phi: Float64Array, outputs: number, firstOutput: number, scale: number): void {
  if (!hasCover(tree)) throw new Error('This tree has no stored cover, so TreeSHAP cannot explain it.');
  const { feature, threshold, left, right, missingLeft, value, width, cover } = tree;
  const depth = treeDepth(tree);
  const size = ((depth + 2) * (depth + 3)) / 2;
  const path: PathBuffers = { feature: new Int32Array(size), zero: new Float64Array(size), one: new Float64Array(size), weight: new Float64Array(size) };

  const recurse = (node: number, parentStart: number, uniqueDepth: number, parentZero: number, parentOne: number, parentFeature: number): void => {
    // This node's path is a copy of the parent's, after it in the buffer.
    const start = parentStart + uniqueDepth + 1;
    path.feature.copyWithin(start, parentStart, parentStart + uniqueDepth + 1);
    path.zero.copyWithin(start, parentStart, parentStart + uniqueDepth + 1);
    path.one.copyWithin(start, parentStart, parentStart + uniqueDepth + 1);
    path.weight.copyWithin(start, parentStart, parentStart + uniqueDepth + 1);
    extendPath(path, start, uniqueDepth, parentZero, parentOne, parentFeature);

    const f = feature[node];
    if (f < 0) {
      for (let i = 1; i <= uniqueDepth; i++) {
        const w = unwoundPathSum(path, start, uniqueDepth, i) * (path.one[start + i] - path.zero[start + i]) * scale;
        const at = path.feature[start + i] * outputs + firstOutput;
        for (let k = 0; k < width; k++) phi[at + k] += w * value[node * width + k];
      }
      return;
    }
    const x = X[base + f];
    const goesLeft = x - x === 0 ? x <= threshold[node] : missingLeft[node] === 1;
    const hot = goesLeft ? left[node] : right[node];
    const cold = goesLeft ? right[node] : left[node];
    const w = cover[node];
    const hotZero = w > 0 ? cover[hot] / w : 0;
    const coldZero = w > 0 ? cover[cold] / w : 0;
    let incomingZero = 1;
    let incomingOne = 1;
    let depthHere = uniqueDepth;
    // A feature already on the path is merged: its earlier fractions carry over.
    let p = 1;
    while (p <= depthHere && path.feature[start + p] !== f) p++;
    if (p <= depthHere) {
      incomingZero = path.zero[start + p];
      incomingOne = path.one[start + p];
      unwindPath(path, start, depthHere, p);
      depthHere--;
    }
    // A branch no coalition can reach (zero cover, and x goes the other way) adds nothing.
    if (hotZero * incomingZero !== 0 || incomingOne !== 0) recurse(hot, start, depthHere + 1, hotZero * incomingZero, incomingOne, f);
    if (coldZero * incomingZero !== 0) recurse(cold, start, depthHere + 1, coldZero * incomingZero, 0, f);
  };
  recurse(0, 0, 0, 1, 1, -1);
}

function extendPath(path: PathBuffers, start: number, uniqueDepth: number, zero: number, one: number, feature: number): void {
  const { weight } = path;
  path.feature[start + uniqueDepth] = feature;
  path.zero[start + uniqueDepth] = zero;
  path.one[start + uniqueDepth] = one;
  weight[start + uniqueDepth] = uniqueDepth === 0 ? 1 : 0;
  for (let i = uniqueDepth - 1; i >= 0; i--) {
    weight[start + i + 1] += (one * weight[start + i] * (i + 1)) / (uniqueDepth + 1);
    weight[start + i] = (zero * weight[start + i] * (uniqueDepth - i)) / (uniqueDepth + 1);
  }
}

/** Undoes the extension by the path element at `index`, as if that feature had never been seen. */
function unwindPath(path: PathBuffers, start: number, uniqueDepth: number, index: number): void {
  const { weight } = path;
  const one = path.one[start + index];
  const zero = path.zero[start + index];
  let nextOnePortion = weight[start + uniqueDepth];
  for (let i = uniqueDepth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = weight[start + i];
      weight[start + i] = (nextOnePortion * (uniqueDepth + 1)) / ((i + 1) * one);
      nextOnePortion = tmp - (weight[start + i] * zero * (uniqueDepth - i)) / (uniqueDepth + 1);
    } else {
      weight[start + i] = (weight[start + i] * (uniqueDepth + 1)) / (zero * (uniqueDepth - i));
    }
  }
  for (let i = index; i < uniqueDepth; i++) {
    path.feature[start + i] = path.feature[start + i + 1];
    path.zero[start + i] = path.zero[start + i + 1];
    path.one[start + i] = path.one[start + i + 1];
  }
}

/** The total permutation weight the path would have without the element at `index`. */
function unwoundPathSum(path: PathBuffers, start: number, uniqueDepth: number, index: number): number {
  const { weight } = path;
  const one = path.one[start + index];
  const zero = path.zero[start + index];
  let nextOnePortion = weight[start + uniqueDepth];
  let total = 0;
  for (let i = uniqueDepth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = (nextOnePortion * (uniqueDepth + 1)) / ((i + 1) * one);
      total += tmp;
      nextOnePortion = weight[start + i] - tmp * zero * ((uniqueDepth - i) / (uniqueDepth + 1));
    } else {
      total += weight[start + i] / zero / ((uniqueDepth - i) / (uniqueDepth + 1));
    }
  }
  return total;
}

/**
 * The tree's output with no feature known, per leaf value: the leaves weighted by the share of
 * the root's cover that reaches them (the product of the branch shares TreeSHAP uses, so
 * base + sum of SHAP values equals the tree's output exactly).
 */
export function treeExpectedValue(tree: CompactTree): Float64Array {
  const cached = expectedCache.get(tree);
  if (cached) return cached;
  if (!hasCover(tree)) throw new Error('This tree has no stored cover, so TreeSHAP cannot explain it.');
  const { feature, left, right, value, width, cover } = tree;
  const reach = new Float64Array(feature.length);
  const out = new Float64Array(width);
  reach[0] = 1;
  // Children come after their parents, so one pass in index order reaches every node.
  for (let node = 0; node < feature.length; node++) {
    if (feature[node] < 0) {
      for (let k = 0; k < width; k++) out[k] += reach[node] * value[node * width + k];
      continue;
    }
    const w = cover[node];
    reach[left[node]] = w > 0 ? (reach[node] * cover[left[node]]) / w : 0;
    reach[right[node]] = w > 0 ? (reach[node] * cover[right[node]]) / w : 0;
  }
  expectedCache.set(tree, out);
  return out;
}

/** Edges on the longest root-to-leaf path. */
function treeDepth(tree: CompactTree): number {
  const cached = depthCache.get(tree);
  if (cached !== undefined) return cached;
  const { feature, left, right } = tree;
  const depth = new Int32Array(feature.length);
  let max = 0;
  for (let node = 0; node < feature.length; node++) {
    max = Math.max(max, depth[node]);
    if (feature[node] < 0) continue;
    depth[left[node]] = depth[node] + 1;
    depth[right[node]] = depth[node] + 1;
  }
  depthCache.set(tree, max);
  return max;
}
