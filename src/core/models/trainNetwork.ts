/**
 * Trains a multi-layer perceptron with TensorFlow.js and Adam: the engine of the neural-network
 * model, loaded on demand so that predicting never needs TensorFlow.js.
 *
 * As in trainDense, the loop is written out instead of using `LayersModel.fit`, whose shuffles
 * and initialisers are unseeded: here the initial kernels, every shuffle, every dropout mask and
 * the internal validation split come from the seed. Inputs are standardised internally (Adam's
 * step size then suits any column scale); the weights come back as TensorFlow.js holds them, on
 * standardised inputs, together with that scaling, for `foldNetwork` to turn into plain arrays.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../random';
import { pastDeadline, throwIfAborted, yieldToEventLoop } from './abort';
import { BN_EPSILON, type Activation, type RawLayer } from './networkWeights';
import { assertBackendIntact, ensureTfBackend, onIntactBackend } from './tfBackend';
import type { FitContext, TrainProgress } from './types';
import { autoBatchSize, columnScaling, glorotUniform, internalSplit, pickRows, scalarOf, standardRows } from './denseTrainingHelpers';

/** Held-out rows needed before their loss, rather than the training loss, decides when to stop. */
const MIN_STOPPING_ROWS = 100;

/**
 * Share of the old moving statistics kept at each step. Keras uses 0.99, which needs several
 * hundred steps to forget the initial 0/1; on a few hundred rows that is most of the training.
 */
const BN_MOMENTUM = 0.9;

export interface NetworkConfig {
  /** Units of each hidden layer. */
  hidden: number[];
  activation: Activation;
  /** Share of each hidden layer's outputs zeroed at random while training. */
  dropout: number;
  batchNorm: boolean;
  epochs: number;
  learningRate: number;
  /** Rows per Adam step; 0 = automatic (32, growing with the data to about 64 steps per epoch). */
  batchSize: number;
  /** Weight of the L2 penalty `l2 * sum(W^2)` over all kernels, added to the mean data loss. */
  l2: number;
  /** Epochs without improvement before stopping; the learning rate halves at half of it. */
  patience: number;
  /** Share of the training rows held out to watch for over-fitting (none below 20 rows). */
  validationFraction: number;
}

export interface NetworkInput {
  X: Float32Array;
  rows: number;
  cols: number;
  /** rows x outputs, row-major: one-hot (softmax) or standardised values (mse). */
  targets: Float32Array;
  outputs: number;
  loss: 'mse' | 'softmax';
  /** Class per row, to stratify the internal validation split. */
  stratify?: Int32Array;
}

export interface TrainedNetwork {
  /** The weights of the epoch with the best watched loss, on standardised inputs. */
  layers: RawLayer[];
  inputMean: Float64Array;
  inputScale: Float64Array;
  curve: TrainProgress[];
}

interface LayerVars {
  W: tf.Variable;
  b: tf.Variable;
  bn?: { gamma: tf.Variable; beta: tf.Variable; mean: tf.Variable; variance: tf.Variable };
}

/** Adam whose step size can be lowered when the loss stops improving. */
class DecayingAdam extends tf.AdamOptimizer {
  setLearningRate(rate: number): void {
    this.learningRate = rate;
  }
}

export async function trainNetwork(input: NetworkInput, config: NetworkConfig, ctx: FitContext): Promise<TrainedNetwork> {
  await ensureTfBackend();
  throwIfAborted(ctx.signal);
  const { rows, cols, outputs } = input;
  const rng = createRng(ctx.seed);
  const { mean, scale } = columnScaling(input.X, rows, cols);
  const split = internalSplit(rows, config.validationFraction, rng, input.stratify);
  const nTrain = split.train.length;
  const batchSize = config.batchSize > 0 ? config.batchSize : autoBatchSize(nTrain);
  const tensors: tf.Tensor[] = [];
  const keep = <T extends tf.Tensor>(t: T): T => (tensors.push(t), t);
  const variable = (values: Float32Array, shape: number[], trainable = true): tf.Variable =>
    keep(tf.tidy(() => tf.variable(tf.tensor(values, shape), trainable)));
  const optimizer = new DecayingAdam(config.learningRate, 0.9, 0.999, 1e-7);
  try {
    const xTrain = keep(tf.tensor2d(standardRows(input.X, split.train, cols, mean, scale), [nTrain, cols]));
    const yTrain = keep(tf.tensor2d(pickRows(input.targets, split.train, outputs), [nTrain, outputs]));
    const xVal = split.val && keep(tf.tensor2d(standardRows(input.X, split.val, cols, mean, scale), [split.val.length, cols]));
    const yVal = split.val && keep(tf.tensor2d(pickRows(input.targets, split.val, outputs), [split.val.length, outputs]));

    const sizes = [...config.hidden, outputs];
    const layers: LayerVars[] = sizes.map((units, i) => {
      const fanIn = i === 0 ? cols : sizes[i - 1];
      const W = variable(glorotUniform(fanIn, units, rng), [fanIn, units]);
      const b = variable(new Float32Array(units), [units]);
      if (!config.batchNorm || i === sizes.length - 1) return { W, b };
      const ones = new Float32Array(units).fill(1);
      const zeros = new Float32Array(units);
      const bn = { gamma: variable(ones, [units]), beta: variable(zeros, [units]), mean: variable(zeros, [units], false), variance: variable(ones, [units], false) };
      return { W, b, bn };
    });
    const trainable = layers.flatMap((l) => (l.bn ? [l.W, l.b, l.bn.gamma, l.bn.beta] : [l.W, l.b]));
    const state = layers.flatMap((l) => (l.bn ? [l.W, l.b, l.bn.gamma, l.bn.beta, l.bn.mean, l.bn.variance] : [l.W, l.b]));

    /**
     * Training mode normalises with the batch's statistics (kept in `batchStats` to update the
     * moving ones) and applies dropout with `seed`; inference mode uses the moving statistics.
     */
    const forward = (x: tf.Tensor2D, batchStats?: tf.Tensor[], seed?: number): tf.Tensor2D => {
      let h = x;
      layers.forEach((layer, i) => {
        let z = tf.add(tf.matMul(h, layer.W), layer.b) as tf.Tensor2D;
        if (i === layers.length - 1) {
          h = z;
          return;
        }
        if (layer.bn) {
          let m: tf.Tensor = layer.bn.mean;
          let v: tf.Tensor = layer.bn.variance;
          if (batchStats) {
            ({ mean: m, variance: v } = tf.moments(z, 0));
            batchStats.push(tf.keep(m), tf.keep(v));
          }
          z = tf.add(tf.mul(tf.div(tf.sub(z, m), tf.sqrt(tf.add(v, BN_EPSILON))), layer.bn.gamma), layer.bn.beta);
        }
        h = config.activation === 'relu' ? tf.relu(z) : tf.tanh(z);
        if (batchStats && config.dropout > 0) h = tf.dropout(h, config.dropout, undefined, seed! + i) as tf.Tensor2D;
      });
      return h;
    };
    const dataLoss = (y: tf.Tensor2D, out: tf.Tensor2D): tf.Scalar =>
      (input.loss === 'mse' ? tf.losses.meanSquaredError(y, out) : tf.losses.softmaxCrossEntropy(y, out)) as tf.Scalar;
    const penalty = (): tf.Scalar => tf.mul(config.l2, tf.addN(layers.map((l) => tf.sum(tf.square(l.W))))) as tf.Scalar;
    const updateMoving = (batchStats: tf.Tensor[]): void => {
      let k = 0;
      for (const { bn } of layers) {
        if (!bn) continue;
        bn.mean.assign(tf.add(tf.mul(bn.mean, BN_MOMENTUM), tf.mul(batchStats[k++], 1 - BN_MOMENTUM)));
        bn.variance.assign(tf.add(tf.mul(bn.variance, BN_MOMENTUM), tf.mul(batchStats[k++], 1 - BN_MOMENTUM)));
      }
    };

    /** One Adam step on the rows `idx`; returns its objective. */
    const trainStep = (idx: Int32Array, seed: number): number => {
      // Batch statistics outlive the step's tidy (tf.keep) until the moving ones are updated.
      const batchStats: tf.Tensor[] = [];
      try {
        const cost = tf.tidy(() => {
          const at = tf.tensor1d(idx, 'int32');
          const xb = tf.gather(xTrain, at);
          const yb = tf.gather(yTrain, at);
          const objective = (): tf.Scalar => {
            const loss = dataLoss(yb, forward(xb, batchStats, seed));
            return config.l2 > 0 ? tf.add(loss, penalty()) : loss;
          };
          const value = optimizer.minimize(objective, true, trainable) as tf.Scalar;
          updateMoving(batchStats);
          return value;
        });
        return scalarOf(cost);
      } finally {
        tf.dispose(batchStats);
      }
    };

    const curve: TrainProgress[] = [];
    const order = Int32Array.from({ length: nTrain }, (_, i) => i);
    // Even batches rather than a short tail: batch norm on a one-row batch normalises to zero.
    const steps = Math.ceil(nTrain / batchSize);
    let best = Infinity;
    let reference = Infinity;
    let bestState = state.map((v) => v.dataSync().slice());
    let wait = 0;
    let rate = config.learningRate;
    for (let epoch = 1; epoch <= config.epochs; epoch++) {
      rng.shuffle(order);
      let sum = 0;
      for (let step = 0; step < steps; step++) {
        throwIfAborted(ctx.signal);
        const idx = order.slice(Math.floor((step * nTrain) / steps), Math.floor(((step + 1) * nTrain) / steps));
        const seed = config.dropout > 0 ? rng.int(2 ** 31) : 0;
        const value = onIntactBackend(epoch, () => trainStep(idx, seed));
        checkFinite(value, epoch);
        sum += value * idx.length;
      }
      const loss = sum / nTrain;
      const valLoss = xVal && yVal ? onIntactBackend(epoch, () => scalarOf(tf.tidy(() => dataLoss(yVal, forward(xVal))))) : undefined;
      if (valLoss !== undefined) checkFinite(valLoss, epoch);
      const progress: TrainProgress = valLoss === undefined ? { epoch, epochs: config.epochs, loss } : { epoch, epochs: config.epochs, loss, valLoss };
      curve.push(progress);
      ctx.onProgress?.(progress);

      // The held-out loss decides once it has enough rows to be trusted; on a few dozen rows it
      // is noise that stops good fits early, so then the training loss must plateau instead.
      const watched = valLoss !== undefined && split.val!.length >= MIN_STOPPING_ROWS ? valLoss : loss;
      if (watched < best) {
        best = watched;
        bestState = state.map((v) => v.dataSync().slice());
        // The last step of the epoch can overflow the weights after its loss was measured.
        if (!bestState.every((values) => values.every(Number.isFinite))) checkFinite(NaN, epoch);
      }
      // The context can also go while the epoch is reported: the snapshot above must be real numbers.
      assertBackendIntact(epoch);
      // Only a clear improvement resets the patience; tiny gains at a plateau do not.
      if (reference === Infinity || watched < reference - 1e-4 * Math.max(1e-3, Math.abs(reference))) {
        reference = watched;
        wait = 0;
      } else if (++wait >= config.patience) {
        break;
      } else if (wait % Math.max(1, Math.floor(config.patience / 2)) === 0) {
        // A plateau often means Adam is bouncing around the optimum: smaller steps settle it.
        rate /= 2;
        optimizer.setLearningRate(rate);
      }
      // Out of time: keep the best weights so far.
      if (pastDeadline(ctx.deadline)) break;
      await yieldToEventLoop();
      throwIfAborted(ctx.signal);
    }
    return { layers: rawLayers(sizes, bestState, config.batchNorm), inputMean: mean, inputScale: scale, curve };
  } finally {
    optimizer.dispose();
    tf.dispose(tensors);
  }
}

/** Splits the flat snapshot (kernel, bias[, gamma, beta, mean, variance] per layer) by layer. */
function rawLayers(sizes: number[], snapshot: ArrayLike<number>[], batchNorm: boolean): RawLayer[] {
  let k = 0;
  return sizes.map((units, i): RawLayer => {
    const kernel = snapshot[k++];
    const bias = snapshot[k++];
    if (!batchNorm || i === sizes.length - 1) return { units, kernel, bias };
    const [gamma, beta, movingMean, movingVariance] = snapshot.slice(k, (k += 4));
    return { units, kernel, bias, batchNorm: { gamma, beta, movingMean, movingVariance } };
  });
}

/** Small batches for small data; larger ones keep big data sets to a bounded number of steps. */
function checkFinite(loss: number, epoch: number): void {
  if (Number.isFinite(loss)) return;
  const what = Number.isNaN(loss) ? 'NaN' : 'infinite';
  throw new Error(`The neural network's loss became ${what} at epoch ${epoch}; try a lower learning rate.`);
}

