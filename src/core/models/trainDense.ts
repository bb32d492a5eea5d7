/**
 * Trains one dense layer (inputs -> outputs, no hidden units) with TensorFlow.js and Adam:
 * the shared engine of the linear models.
 *
 * The loop is written out instead of using `LayersModel.fit` because fit shuffles with
 * Math.random; here the initial kernel, every shuffle and the internal validation split come
 * from the seed. Inputs are standardised internally (and the scaling folded back into the
 * returned weights) so Adam's step size suits any column scale, e.g. epoch milliseconds.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../random';
import { pastDeadline, throwIfAborted, yieldToEventLoop } from './abort';
import { assertBackendIntact, ensureTfBackend, onIntactBackend } from './tfBackend';
import type { FitContext, TrainProgress } from './types';
import { autoBatchSize, columnScaling, glorotUniform, internalSplit, pickRows, scalarOf, standardRows } from './denseTrainingHelpers';

/** Held-out rows needed before their loss, rather than the training loss, decides when to stop. */
const MIN_STOPPING_ROWS = 100;

export type DenseLoss = 'mse' | 'sigmoid' | 'softmax';

export type DenseParams = {
  epochs: number;
  learningRate: number;
  /** Rows per Adam step; 0 = automatic (32, growing with the data to about 64 steps per epoch). */
  batchSize: number;
  /** Weight of the L2 penalty `l2 * sum(W^2)` added to the mean data loss (on standardised inputs). */
  l2: number;
  /**
   * Weight of the L1 penalty `l1 * sum(|W|)` added to the mean data loss (on standardised
   * inputs, bias excluded); applied as a proximal step, so unneeded weights become exactly 0.
   */
  l1: number;
  /** Epochs without improvement before stopping; the learning rate halves at half of it. */
  patience: number;
  /** Share of the training rows held out to watch for over-fitting (none below 20 rows). */
  validationFraction: number;
};

export interface DenseInput {
  X: Float32Array;
  rows: number;
  cols: number;
  /** rows x outputs, row-major: 0/1 (sigmoid), one-hot (softmax) or values (mse). */
  targets: Float32Array;
  outputs: number;
  loss: DenseLoss;
  /** Class per row, to stratify the internal validation split. */
  stratify?: Int32Array;
}

/** Weights on the caller's (unstandardised) input scale. */
export interface DenseResult {
  /** `coef[k][j]` for output k, input j. */
  coef: number[][];
  intercept: number[];
  curve: TrainProgress[];
}

/** Adam's second-moment decay, shared with the L1 step's preconditioner. */
const BETA2 = 0.999;
const EPSILON = 1e-7;

/** Adam whose step size can be lowered when the loss stops improving. */
class DecayingAdam extends tf.AdamOptimizer {
  setLearningRate(rate: number): void {
    this.learningRate = rate;
  }
}

export async function trainDense(input: DenseInput, params: DenseParams, ctx: FitContext): Promise<DenseResult> {
  await ensureTfBackend();
  throwIfAborted(ctx.signal);
  const { rows, cols, outputs } = input;
  const rng = createRng(ctx.seed);
  const { mean, scale } = columnScaling(input.X, rows, cols);
  const split = internalSplit(rows, params.validationFraction, rng, input.stratify);
  const nTrain = split.train.length;
  const batchSize = params.batchSize > 0 ? params.batchSize : autoBatchSize(nTrain);
  const tensors: tf.Tensor[] = [];
  const keep = <T extends tf.Tensor>(t: T): T => (tensors.push(t), t);
  const optimizer = new DecayingAdam(params.learningRate, 0.9, BETA2, EPSILON);
  try {
    const xTrain = keep(tf.tensor2d(standardRows(input.X, split.train, cols, mean, scale), [nTrain, cols]));
    const yTrain = keep(tf.tensor2d(pickRows(input.targets, split.train, outputs), [nTrain, outputs]));
    const xVal = split.val && keep(tf.tensor2d(standardRows(input.X, split.val, cols, mean, scale), [split.val.length, cols]));
    const yVal = split.val && keep(tf.tensor2d(pickRows(input.targets, split.val, outputs), [split.val.length, outputs]));
    // tidy frees the initial values; each variable holds its own reference to the data.
    const W = keep(tf.tidy(() => tf.variable(tf.tensor2d(glorotUniform(cols, outputs, rng), [cols, outputs]))));
    const b = keep(tf.tidy(() => tf.variable(tf.zeros([outputs]))));

    const dataLoss = (x: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar => {
      const logits = tf.add(tf.matMul(x, W), b) as tf.Tensor2D;
      if (input.loss === 'mse') return tf.losses.meanSquaredError(y, logits) as tf.Scalar;
      if (input.loss === 'sigmoid') return tf.losses.sigmoidCrossEntropy(y, logits) as tf.Scalar;
      return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
    };
    const objective = (x: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar =>
      params.l2 > 0 ? tf.add(dataLoss(x, y), tf.mul(params.l2, tf.sum(tf.square(W)))) : dataLoss(x, y);
    const l1Step = params.l1 > 0 ? proximalL1(W, params.l1) : null;
    if (l1Step) keep(l1Step.moment);

    const curve: TrainProgress[] = [];
    const order = Int32Array.from({ length: nTrain }, (_, i) => i);
    let best = Infinity;
    let reference = Infinity;
    let bestW = W.dataSync().slice();
    let bestB = b.dataSync().slice();
    let wait = 0;
    let rate = params.learningRate;
    for (let epoch = 1; epoch <= params.epochs; epoch++) {
      rng.shuffle(order);
      let sum = 0;
      for (let start = 0; start < nTrain; start += batchSize) {
        throwIfAborted(ctx.signal);
        const idx = order.slice(start, Math.min(start + batchSize, nTrain));
        const cost = onIntactBackend(epoch, () => tf.tidy(() => {
          const at = tf.tensor1d(idx, 'int32');
          const xb = tf.gather(xTrain, at);
          const yb = tf.gather(yTrain, at);
          // minimize is computeGradients + applyGradients: without L1 the steps are unchanged.
          if (!l1Step) return optimizer.minimize(() => objective(xb, yb), true, [W, b]) as tf.Scalar;
          const { value, grads } = optimizer.computeGradients(() => objective(xb, yb), [W, b]);
          const penalised = tf.add(value, tf.mul(params.l1, tf.sum(tf.abs(W))));
          // The same order as minimize's, so Adam's moment slots stay aligned with W and b.
          optimizer.applyGradients([
            { name: W.name, tensor: grads[W.name] },
            { name: b.name, tensor: grads[b.name] },
          ]);
          l1Step.after(grads[W.name], rate);
          return penalised as tf.Scalar;
        }));
        const value = onIntactBackend(epoch, () => scalarOf(cost));
        checkFinite(value, epoch);
        sum += value * idx.length;
      }
      const loss = sum / nTrain;
      const valLoss = xVal && yVal ? onIntactBackend(epoch, () => scalarOf(tf.tidy(() => dataLoss(xVal, yVal)))) : undefined;
      if (valLoss !== undefined) checkFinite(valLoss, epoch);
      const progress: TrainProgress = valLoss === undefined ? { epoch, epochs: params.epochs, loss } : { epoch, epochs: params.epochs, loss, valLoss };
      curve.push(progress);
      ctx.onProgress?.(progress);

      // Early stopping on the held-out loss when it has enough rows to be trusted; on a few
      // dozen rows it is noise and stops good fits early, so then the training loss must plateau.
      const watched = valLoss !== undefined && split.val!.length >= MIN_STOPPING_ROWS ? valLoss : loss;
      if (watched < best) {
        best = watched;
        bestW = W.dataSync().slice();
        bestB = b.dataSync().slice();
      }
      // The context can also go while the epoch is reported: the snapshot above must be real numbers.
      assertBackendIntact(epoch);
      // Only a clear improvement resets the patience; tiny gains at a plateau do not.
      if (reference === Infinity || watched < reference - 1e-4 * Math.max(1e-3, Math.abs(reference))) {
        reference = watched;
        wait = 0;
      } else if (++wait >= params.patience) {
        break;
      } else if (wait % Math.max(1, Math.floor(params.patience / 2)) === 0) {
        // A plateau often means Adam is bouncing around the optimum: smaller steps settle it.
        rate /= 2;
        optimizer.setLearningRate(rate);
      }
      // Out of time: keep the best weights so far.
      if (pastDeadline(ctx.deadline)) break;
      await yieldToEventLoop();
      throwIfAborted(ctx.signal);
    }
    return { ...unstandardise(bestW, bestB, cols, outputs, mean, scale), curve };
  } finally {
    optimizer.dispose();
    tf.dispose(tensors);
  }
}

/**
 * The L1 part of the loss as a proximal (soft-threshold) step after each Adam step. Folding
 * `l1 * sum|W|` into the gradient instead would make the weights hover around 0, never on it,
 * and a clean-up threshold afterwards would be a guess; the proximal step gives exact zeros and
 * keeps them while the data gradient is too weak to pull a weight away. Adam scales coordinate
 * j's step by `rate / (sqrt(vHat_j) + eps)`, so the threshold is scaled the same way (the
 * proximal operator in Adam's metric, as in proximal Adam / ProxGen). With it a weight stays at
 * 0 exactly when |mHat_j| <= l1, the lasso's optimality condition on the averaged gradient; a
 * plain `rate * l1` would need |mHat_j| / sqrt(vHat_j) <= l1, which Adam's normalised steps
 * almost never allow. Minibatch noise in mHat still leaves a few tiny weights that an exact
 * solver would zero. Adam's own second moment is private to tfjs, so a copy is kept here with
 * the same update.
 */
function proximalL1(W: tf.Variable, l1: number): { moment: tf.Variable; after(gradient: tf.Tensor, rate: number): void } {
  const v = tf.tidy(() => tf.variable(tf.zerosLike(W), false));
  let steps = 0;
  const after = (gradient: tf.Tensor, rate: number): void => {
    steps++;
    tf.tidy(() => {
      v.assign(tf.add(tf.mul(v, BETA2), tf.mul(tf.square(gradient), 1 - BETA2)));
      const vHat = tf.div(v, 1 - BETA2 ** steps);
      const threshold = tf.div(rate * l1, tf.add(tf.sqrt(vHat), EPSILON));
      // w - clip(w, -t, t) is the soft threshold, and gives +0 (not -0) where |w| <= t.
      W.assign(tf.sub(W, tf.minimum(tf.maximum(W, tf.neg(threshold)), threshold)));
    });
  };
  return { moment: v, after };
}

/** Small batches for small data; larger ones keep big data sets to a bounded number of steps. */
function checkFinite(loss: number, epoch: number): void {
  if (!Number.isFinite(loss)) {
    throw new Error(
      `Training stopped at epoch ${epoch}: the loss became ${loss}. Try a smaller learning rate, or check the inputs for extreme values.`,
    );
  }
}

/** Folds the input standardisation into the weights: w/s and b - sum(w*m/s). */
function unstandardise(
  W: Float32Array | Int32Array | Uint8Array,
  B: Float32Array | Int32Array | Uint8Array,
  cols: number,
  outputs: number,
  mean: Float64Array,
  scale: Float64Array,
): { coef: number[][]; intercept: number[] } {
  const coef: number[][] = [];
  const intercept: number[] = [];
  for (let k = 0; k < outputs; k++) {
    const row: number[] = [];
    let bias = B[k];
    for (let j = 0; j < cols; j++) {
      const w = W[j * outputs + k] / scale[j];
      row.push(w);
      bias -= w * mean[j];
    }
    coef.push(row);
    intercept.push(bias);
  }
  return { coef, intercept };
}
