/**
 * The boosting loop: bin the training rows once, then each round compute gradients from the
 * current scores, grow one tree per output, and watch the held-out loss for early stopping
 * (scikit-learn's rule: stop when none of the last `patience` rounds beat the score from
 * `patience` rounds earlier by more than `tol`). Reports every round and stops on abort.
 */
import { splitRows } from '../../prep/splitRows';
import { createRng } from '../../random';
import { pastDeadline, throwIfAborted, yieldToEventLoop } from '../abort';
import type { FitContext } from '../types';
import { fitBinMapper } from './binMapper';
import { leafOf, type CompactTree } from './compactTree';
import { GbdtGrower } from './gbdtGrower';
import type { GbdtLoss } from './gbdtLoss';
import { AUTO_EARLY_STOPPING_ROWS, type GbdtParams } from './gbdtParams';
import { createWorkspace } from './gbdtWorkspace';

export interface GbdtFit {
  /** Starting raw score per output. */
  baseline: Float64Array;
  /** Round-major: tree `round * outputs + k` adds to output k. */
  trees: CompactTree[];
  /** Sum of split gains per input column. */
  gains: Float64Array;
}

/** How long the loop may run before letting queued messages (a "Stop" request) through. */
const YIELD_MS = 25;

export async function fitGbdt(
  X: Float32Array,
  y: ArrayLike<number>,
  rows: number,
  cols: number,
  p: GbdtParams,
  loss: GbdtLoss,
  ctx: FitContext,
  stratify?: Int32Array,
): Promise<GbdtFit> {
  const early = p.earlyStopping === 'on' || (p.earlyStopping === 'auto' && rows > AUTO_EARLY_STOPPING_ROWS);
  let trainIds: Int32Array = Int32Array.from({ length: rows }, (_, i) => i);
  let valIds: Int32Array = new Int32Array(0);
  if (early) {
    const split = splitRows(rows, { testFraction: p.validationFraction, seed: ctx.seed, stratify });
    trainIds = split.train;
    valIds = split.test;
  }
  const n = trainIds.length;
  const K = loss.outputs;
  // A separate stream from the split's, so the bin sample does not depend on the split's draws.
  const mapper = fitBinMapper(X, cols, trainIds, p.maxBins, createRng(ctx.seed + 0x51ed));
  const ws = createWorkspace(n, cols, K);
  // The workspace may hold a helper thread: always stop it, also when the fit throws or is stopped.
  try {
    ws.binTrainingRows(X, cols, trainIds, mapper);
    const yTrain = ws.y;
    trainIds.forEach((row, i) => (yTrain[i] = y[row]));
    const yVal = Float64Array.from(valIds, (i) => y[i]);
    const Xval = new Float32Array(valIds.length * cols);
    valIds.forEach((row, i) => Xval.set(X.subarray(row * cols, (row + 1) * cols), i * cols));

    const baseline = loss.baseline(yTrain);
    const raw = ws.raw;
    const rawVal = new Float64Array(K * valIds.length);
    for (let k = 0; k < K; k++) {
      raw.fill(baseline[k], k * n, (k + 1) * n);
      rawVal.fill(baseline[k], k * valIds.length, (k + 1) * valIds.length);
    }
    const grower = new GbdtGrower(
      ws,
      n,
      cols,
      mapper,
      {
        maxLeafNodes: p.maxLeafNodes,
        maxDepth: p.maxDepth,
        minSamplesLeaf: p.minSamplesLeaf,
        l2: p.l2Regularization,
        learningRate: p.learningRate,
        minHessian: 1e-3,
      },
      loss.constantHessian,
    );

    const trees: CompactTree[] = [];
    const valLosses = early ? [loss.loss(yVal, rawVal)] : [];
    let lastYield = performance.now();
    ws.gradients(loss);
    for (let round = 1; round <= p.maxIter; round++) {
      throwIfAborted(ctx.signal);
      for (let k = 0; k < K; k++) {
        const tree = grower.grow(k, raw.subarray(k * n, (k + 1) * n));
        trees.push(tree);
        addTree(tree, Xval, cols, rawVal, k * valIds.length);
      }
      // The next round's gradients, and this round's training loss from the same pass.
      const trainLoss = ws.gradients(loss);
      if (!Number.isFinite(trainLoss)) {
        throw new Error(`Training stopped at round ${round}: the loss became ${trainLoss}. Check the target for extreme values.`);
      }
      if (early) {
        const valLoss = loss.loss(yVal, rawVal);
        valLosses.push(valLoss);
        ctx.onProgress?.({ epoch: round, epochs: p.maxIter, loss: trainLoss, valLoss });
        if (shouldStop(valLosses, p.patience, p.tol)) break;
      } else {
        ctx.onProgress?.({ epoch: round, epochs: p.maxIter, loss: trainLoss });
      }
      // Out of time: keep the rounds grown so far, a smaller but complete model.
      if (pastDeadline(ctx.deadline)) break;
      if (performance.now() - lastYield > YIELD_MS) {
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }
    throwIfAborted(ctx.signal);
    return { baseline, trees, gains: grower.importance };
  } finally {
    ws.close();
  }
}

/** Adds a tree's leaf values to the scores `raw[offset + r]` of the rows of row-major X. */
function addTree(tree: CompactTree, X: Float32Array, cols: number, raw: Float64Array, offset: number): void {
  const rows = X.length / cols;
  for (let r = 0; r < rows; r++) raw[offset + r] += tree.value[leafOf(tree, X, r * cols)];
}

/** scikit-learn's `_should_stop` on losses (lower is better) instead of scores. */
export function shouldStop(losses: number[], patience: number, tol: number): boolean {
  if (losses.length < patience + 1) return false;
  const reference = losses[losses.length - patience - 1] - tol;
  for (let i = losses.length - patience; i < losses.length; i++) if (losses[i] < reference) return false;
  return true;
}
