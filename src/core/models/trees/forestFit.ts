/**
 * Fits an ensemble of CART trees: one decision tree, a random forest (bootstrap rows, a few
 * features per split) or extra trees (random boundaries). The rows are binned once for all
 * trees. Each tree reports progress: `loss` is the ensemble's training loss so far (log loss
 * or mean squared error) and, with bootstrap, `valLoss` the out-of-bag loss, scikit-learn's
 * oob_score in loss form, which needs no held-out rows.
 */
import { createRng } from '../../random';
import { pastDeadline, throwIfAborted, yieldToEventLoop } from '../abort';
import type { FitContext } from '../types';
import { binRows, fitBinMapper } from './binMapper';
import { CartGrower, type CartTarget } from './cartGrower';
import { leafOf, type CompactTree } from './compactTree';
import { featuresPerSplit, type ForestParams } from './forestParams';

export interface ForestFit {
  trees: CompactTree[];
  /** Mean over trees of each tree's normalised impurity decrease per feature. */
  importance: Float64Array;
}

const YIELD_MS = 25;
const EPS = 1e-15;

export async function fitForest(
  X: Float32Array,
  target: CartTarget,
  rows: number,
  cols: number,
  p: ForestParams,
  randomThresholds: boolean,
  ctx: FitContext,
): Promise<ForestFit> {
  const all = Int32Array.from({ length: rows }, (_, i) => i);
  const mapper = fitBinMapper(X, cols, all, p.maxBins, createRng(ctx.seed + 0x51ed));
  const colBins = binRows(X, cols, all, mapper);
  const options = {
    maxDepth: p.maxDepth,
    minSamplesSplit: p.minSamplesSplit,
    minSamplesLeaf: p.minSamplesLeaf,
    maxFeatures: featuresPerSplit(p.maxFeatures, cols, target.classes > 0),
    randomThresholds,
  };
  const grower = new CartGrower(colBins, rows, cols, mapper, target, options);
  const rng = createRng(ctx.seed);
  const width = target.classes > 0 ? target.classes : 1;
  const trees: CompactTree[] = [];
  const importance = new Float64Array(cols);
  const treeImportance = new Float64Array(cols);
  const sum = new Float64Array(rows * width);
  const oobSum = p.bootstrap ? new Float64Array(rows * width) : null;
  const oobCount = p.bootstrap ? new Int32Array(rows) : null;
  const counts = p.bootstrap ? new Float64Array(rows) : null;
  let lastYield = performance.now();
  for (let t = 0; t < p.trees; t++) {
    throwIfAborted(ctx.signal);
    if (counts) {
      counts.fill(0);
      for (let i = 0; i < rows; i++) counts[rng.int(rows)]++;
    }
    // The rows drawn at least once (weighted by their count), or all; the tree reorders them.
    const inBag = counts ? all.filter((i) => counts[i] > 0) : Int32Array.from(all);
    treeImportance.fill(0);
    const tree = grower.grow(inBag, counts, rng, treeImportance);
    trees.push(tree);
    const total = treeImportance.reduce((a, b) => a + b, 0);
    if (total > 0) for (let f = 0; f < cols; f++) importance[f] += treeImportance[f] / total / p.trees;

    // Every row's prediction by this tree: into the training sums, and out-of-bag ones apart.
    for (let r = 0; r < rows; r++) {
      const at = leafOf(tree, X, r * cols) * width;
      for (let k = 0; k < width; k++) sum[r * width + k] += tree.value[at + k];
      if (oobSum && counts![r] === 0) {
        for (let k = 0; k < width; k++) oobSum[r * width + k] += tree.value[at + k];
        oobCount![r]++;
      }
    }
    const loss = ensembleLoss(target, sum, null, t + 1, width);
    const valLoss = oobSum ? ensembleLoss(target, oobSum, oobCount, 0, width) : NaN;
    ctx.onProgress?.(Number.isNaN(valLoss) ? { epoch: t + 1, epochs: p.trees, loss } : { epoch: t + 1, epochs: p.trees, loss, valLoss });
    // Out of time: a forest of the trees grown so far (importance renormalised below).
    if (pastDeadline(ctx.deadline)) break;
    if (performance.now() - lastYield > YIELD_MS) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
  }
  throwIfAborted(ctx.signal);
  if (trees.length < p.trees) for (let f = 0; f < cols; f++) importance[f] *= p.trees / trees.length;
  return { trees, importance };
}

/**
 * Mean loss of averaged predictions: log loss (probabilities clipped to [1e-15, 1]) or squared
 * error. With `perRow` counts (out-of-bag), rows never out of bag are skipped; NaN if all are.
 */
function ensembleLoss(target: CartTarget, sums: Float64Array, perRow: Int32Array | null, trees: number, width: number): number {
  let total = 0;
  let used = 0;
  for (let r = 0; r < target.y.length; r++) {
    const m = perRow ? perRow[r] : trees;
    if (m === 0) continue;
    used++;
    if (target.classes > 0) total -= Math.log(Math.max(EPS, sums[r * width + target.y[r]] / m));
    else total += (target.y[r] - sums[r] / m) ** 2;
  }
  return used > 0 ? total / used : NaN;
}
