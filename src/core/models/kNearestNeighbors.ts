/**
 * k-nearest neighbours, as scikit-learn's KNeighborsClassifier / KNeighborsRegressor with
 * algorithm='brute' and the euclidean metric: a row's prediction is the (weighted) class shares
 * or mean target of its k closest training rows. With weights 'distance' each neighbour counts
 * 1 / distance, and a training row at distance 0 takes all the weight (shared by every such row).
 *
 * When two training rows tie for the k-th place, the lower training index is kept (a stable
 * sort by distance). scikit-learn documents no order for such ties and, in 1.2, keeps whichever
 * its heap holds, so answers can differ from it only on exact ties.
 */
import { assertSafeJson, expectFiniteArray, expectInteger, expectObject, expectOneOf, joinPath, shapeError } from '../bundle/jsonShape';
import { argmaxClasses } from '../evaluate/confusionMatrix';
import { createRng } from '../random';
import { throwIfAborted } from './abort';
import { checkFitShape } from './denseParams';
import type { FittedModel, ModelJSON, ModelSpec } from './types';

const WEIGHTS = ['uniform', 'distance'] as const;
type Weights = (typeof WEIGHTS)[number];

export type KNearestNeighborsParams = {
  neighbors: number;
  weights: Weights;
  /** Training rows kept for prediction; a larger training set is sampled down to this many. */
  maxTrainingRows: number;
};

const KIND = 'k_nearest_neighbors';
const MAX_NEIGHBORS = 10_000;
const MAX_ROWS = 10_000_000;

const DEFAULTS: KNearestNeighborsParams = { neighbors: 5, weights: 'uniform', maxTrainingRows: 20_000 };

class KNearestNeighborsModel implements FittedModel {
  readonly kind = KIND;
  /** Class probabilities; absent for regression so callers can tell the two apart. */
  readonly predictProba?: (X: Float32Array, rows: number, cols: number) => Float64Array;

  constructor(
    readonly inputCount: number,
    /** Number of classes, or undefined for regression. */
    readonly classCount: number | undefined,
    private readonly neighbors: number,
    private readonly weights: Weights,
    /** The stored training rows, row-major, `y.length` x inputCount. */
    private readonly X: Float32Array,
    /** Class indices (classification) or targets (regression) of the stored rows. */
    private readonly y: Float64Array,
  ) {
    if (classCount !== undefined) this.predictProba = (X, rows, cols) => this.classShares(X, rows, cols);
  }

  /**
   * Calls `visit(r, index, weight, count)` for every query row with its `count` nearest
   * training rows, nearest first. A tight scan: float64 squared distances, and the k best kept
   * in a small sorted buffer (insertion, no sort per row).
   */
  private search(
    X: Float32Array,
    rows: number,
    cols: number,
    visit: (r: number, index: Int32Array, weight: Float64Array, count: number) => void,
  ): void {
    const cols0 = this.inputCount;
    if (cols !== cols0) throw new Error(`The model expects ${cols0} input columns, got ${cols}.`);
    if (X.length < rows * cols) throw new Error(`The input holds ${X.length} values, fewer than ${rows} x ${cols}.`);
    const train = this.X;
    const n = this.y.length;
    // Fewer training rows than neighbours: every row is a neighbour.
    const k = Math.min(this.neighbors, n);
    const bestD = new Float64Array(k);
    const bestI = new Int32Array(k);
    const weight = new Float64Array(k);
    const query = new Float64Array(cols);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < cols; j++) query[j] = X[r * cols + j];
      bestD.fill(Infinity);
      let worst = Infinity;
      for (let t = 0, at = 0; t < n; t++, at += cols) {
        let d = 0;
        for (let j = 0; j < cols; j++) {
          const diff = query[j] - train[at + j];
          d += diff * diff;
        }
        // Strict comparisons: a row that ties with one already kept goes after it.
        if (d < worst) {
          let p = k - 1;
          while (p > 0 && bestD[p - 1] > d) {
            bestD[p] = bestD[p - 1];
            bestI[p] = bestI[p - 1];
            p--;
          }
          bestD[p] = d;
          bestI[p] = t;
          worst = bestD[k - 1];
        }
      }
      if (this.weights === 'uniform') weight.fill(1);
      else if (bestD[0] === 0) for (let i = 0; i < k; i++) weight[i] = bestD[i] === 0 ? 1 : 0;
      else for (let i = 0; i < k; i++) weight[i] = 1 / Math.sqrt(bestD[i]);
      visit(r, bestI, weight, k);
    }
  }

  private classShares(X: Float32Array, rows: number, cols: number): Float64Array {
    const K = this.classCount ?? 0;
    const out = new Float64Array(rows * K);
    this.search(X, rows, cols, (r, index, weight, count) => {
      const base = r * K;
      for (let i = 0; i < count; i++) out[base + this.y[index[i]]] += weight[i];
      let total = 0;
      for (let c = 0; c < K; c++) total += out[base + c];
      for (let c = 0; c < K; c++) out[base + c] /= total;
    });
    return out;
  }

  predict(X: Float32Array, rows: number, cols: number): Float64Array {
    if (this.classCount !== undefined) return Float64Array.from(argmaxClasses(this.classShares(X, rows, cols), rows, this.classCount));
    const out = new Float64Array(rows);
    this.search(X, rows, cols, (r, index, weight, count) => {
      let sum = 0;
      let total = 0;
      for (let i = 0; i < count; i++) {
        sum += this.y[index[i]] * weight[i];
        total += weight[i];
      }
      out[r] = sum / total;
    });
    return out;
  }

  toJSON(): ModelJSON {
    return {
      kind: KIND,
      inputs: this.inputCount,
      task: this.classCount === undefined ? 'regression' : 'classification',
      ...(this.classCount === undefined ? {} : { classes: this.classCount }),
      neighbors: this.neighbors,
      weights: this.weights,
      rows: this.y.length,
      X: Array.from(this.X),
      y: Array.from(this.y),
    };
  }
}

function resolveParams(params: Partial<KNearestNeighborsParams>): KNearestNeighborsParams {
  const p = { ...DEFAULTS, ...params };
  const check = (name: keyof KNearestNeighborsParams, ok: boolean, expected: string): void => {
    if (!ok) throw new Error(`The parameter "${name}" is ${String(p[name])}; expected ${expected}.`);
  };
  const int = (v: unknown, min: number, max: number): boolean => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
  check('neighbors', int(p.neighbors, 1, MAX_NEIGHBORS), `an integer from 1 to ${MAX_NEIGHBORS}`);
  check('weights', (WEIGHTS as readonly unknown[]).includes(p.weights), '"uniform" or "distance"');
  check('maxTrainingRows', int(p.maxTrainingRows, 1, MAX_ROWS), `an integer from 1 to ${MAX_ROWS}`);
  return p;
}

/**
 * The training rows kept: all of them, or, above `max`, a seeded random sample (partial
 * Fisher–Yates) in their original order, so that ties still favour the earlier row.
 */
function keptRows(rows: number, max: number, seed: number): Int32Array {
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  if (rows <= max) return order;
  const rng = createRng(seed);
  for (let i = 0; i < max; i++) {
    const j = i + rng.int(rows - i);
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  return order.slice(0, max).sort();
}

export const kNearestNeighbors: ModelSpec<KNearestNeighborsParams> = {
  name: KIND,
  label: 'k-nearest neighbours',
  tasks: ['classification', 'regression'],
  defaults: DEFAULTS,
  // Scoring compares every row with up to maxTrainingRows stored rows: too slow for AutoML on big data.
  autoMaxRows: 100_000,

  async fit(X, y, shape, params, ctx) {
    const { rows, cols } = shape;
    checkFitShape(X, y, rows, cols);
    const p = resolveParams(params);
    const K = shape.classes;
    if (K !== undefined) {
      if (!Number.isInteger(K) || K < 2) throw new Error(`A classifier needs at least 2 classes, got ${K}.`);
      for (let i = 0; i < rows; i++) {
        if (!(Number.isInteger(y[i]) && y[i] >= 0 && y[i] < K)) throw new Error(`Row ${i + 1} has class ${y[i]}, not one of 0..${K - 1}.`);
      }
    } else {
      for (let i = 0; i < rows; i++) {
        if (!Number.isFinite(y[i])) throw new Error(`Row ${i + 1} has target ${y[i]}; regression needs finite numbers.`);
      }
    }
    throwIfAborted(ctx.signal);
    // kNN predicts from the stored rows, so their number bounds both the bundle size and the
    // time per prediction: above maxTrainingRows only a seeded random sample is kept.
    const kept = keptRows(rows, p.maxTrainingRows, ctx.seed);
    const storedX = new Float32Array(kept.length * cols);
    const storedY = new Float64Array(kept.length);
    kept.forEach((row, i) => {
      storedX.set(X.subarray(row * cols, (row + 1) * cols), i * cols);
      storedY[i] = y[row];
    });
    throwIfAborted(ctx.signal);
    return new KNearestNeighborsModel(cols, K, p.neighbors, p.weights, storedX, storedY);
  },

  fromJSON(json) {
    assertSafeJson(json);
    const o = expectObject(json, '');
    if (o.kind !== KIND) throw shapeError('kind', o.kind, `"${KIND}"`);
    const inputs = expectInteger(o.inputs, 'inputs', 1, 1_000_000);
    const task = expectOneOf(o.task, 'task', ['classification', 'regression'] as const);
    const classes = task === 'classification' ? expectInteger(o.classes, 'classes', 2, 100_000) : undefined;
    const neighbors = expectInteger(o.neighbors, 'neighbors', 1, MAX_NEIGHBORS);
    const weights = expectOneOf(o.weights, 'weights', WEIGHTS);
    const rows = expectInteger(o.rows, 'rows', 1, MAX_ROWS);
    const X = Float32Array.from(expectFiniteArray(o.X, 'X', rows * inputs));
    // A finite float64 can still overflow float32.
    const overflow = X.findIndex((v) => !Number.isFinite(v));
    if (overflow >= 0) throw shapeError(joinPath('X', overflow), (o.X as number[])[overflow], 'a number within float32 range');
    const y = expectFiniteArray(o.y, 'y', rows);
    if (classes !== undefined) y.forEach((v, i) => expectInteger(v, joinPath('y', i), 0, classes - 1));
    return new KNearestNeighborsModel(inputs, classes, neighbors, weights, X, Float64Array.from(y));
  },
};
