/**
 * k-means clustering, as scikit-learn's KMeans(algorithm='lloyd'): `initializations` runs of
 * greedy k-means++ seeding and Lloyd iterations, keeping the run of lowest inertia (the sum of
 * squared distances of the rows to their centres). The target is ignored.
 *
 * Duplicate rows: with more clusters than distinct rows some clusters stay empty (scikit-learn
 * warns in the same case). Their centres stay finite (where they last were), `predict` never
 * returns them, and `emptyClusters` counts them so callers can say so. Fewer rows than
 * clusters is an error.
 */
import { assertSafeJson, expectArray, expectFinite, expectFiniteMatrix, expectInteger, expectObject, JsonShapeError, shapeError } from '../bundle/jsonShape';
import { createRng } from '../random';
import { throwIfAborted, yieldToEventLoop } from './abort';
import { absoluteTolerance, isSameClustering, kMeansPlusPlus, lloyd, nearestCenter, type LloydResult } from './kMeansLloyd';
import type { FitContext, FittedModel, ModelJSON, ModelSpec } from './types';

export type KMeansParams = {
  /** Number of clusters k, 2 to 50. */
  clusters: number;
  /** Seeded runs, the best kept (scikit-learn's n_init). */
  initializations: number;
  /** Lloyd iterations per run at most (max_iter). */
  maxIterations: number;
  /** Relative tolerance on the centre shift (tol), times the mean variance of the inputs. */
  tolerance: number;
};

const KIND = 'k_means';

export const MAX_CLUSTERS = 50;

const YIELD_MS = 25;

const DEFAULTS: KMeansParams = { clusters: 3, initializations: 10, maxIterations: 300, tolerance: 1e-4 };

export class KMeansModel implements FittedModel {
  readonly kind = KIND;
  readonly inputCount: number;
  readonly clusterCount: number;
  private readonly flat: Float64Array;

  /** `centers[c][j]`: input j of centre c; `inertia`: the training rows' sum of squared distances. */
  constructor(
    readonly centers: number[][],
    readonly inertia: number,
  ) {
    this.clusterCount = centers.length;
    this.inputCount = centers[0].length;
    this.flat = Float64Array.from(centers.flat());
  }

  /** The index of the nearest centre per row (the lower index on ties). */
  predict(X: Float32Array, rows: number, cols: number): Float64Array {
    if (cols !== this.inputCount) throw new Error(`The model expects ${this.inputCount} input columns, got ${cols}.`);
    if (X.length < rows * cols) throw new Error(`The input holds ${X.length} values, fewer than ${rows} x ${cols}.`);
    const out = new Float64Array(rows);
    for (let r = 0; r < rows; r++) out[r] = nearestCenter(X, r, this.flat, this.clusterCount, cols);
    return out;
  }

  toJSON(): ModelJSON {
    return { kind: KIND, inputs: this.inputCount, centers: this.centers, inertia: this.inertia };
  }
}

export function resolveKMeansParams(params: Partial<KMeansParams>): KMeansParams {
  const p = { ...DEFAULTS, ...params };
  const check = (name: keyof KMeansParams, ok: boolean, expected: string): void => {
    if (!ok) throw new Error(`The parameter "${name}" is ${String(p[name])}; expected ${expected}.`);
  };
  const integer = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
  check('clusters', integer(p.clusters, 2, MAX_CLUSTERS), `an integer from 2 to ${MAX_CLUSTERS}`);
  check('initializations', integer(p.initializations, 1, 1000), 'an integer from 1 to 1000');
  check('maxIterations', integer(p.maxIterations, 1, 100_000), 'an integer from 1 to 100000');
  check('tolerance', typeof p.tolerance === 'number' && Number.isFinite(p.tolerance) && p.tolerance >= 0, 'a number of at least 0 (scikit-learn uses 1e-4)');
  return p;
}

function checkInputs(X: Float32Array, rows: number, cols: number, k: number): void {
  if (!(Number.isInteger(rows) && Number.isInteger(cols) && rows >= 1 && cols >= 1)) {
    throw new Error(`Clustering needs at least one row and one input column, got ${rows} x ${cols}.`);
  }
  if (X.length !== rows * cols) throw new Error(`The input holds ${X.length} values, expected ${rows} x ${cols}.`);
  for (let i = 0; i < X.length; i++) {
    if (!Number.isFinite(X[i])) {
      throw new Error(`Input column ${(i % cols) + 1} of row ${Math.floor(i / cols) + 1} is ${X[i]}; models need finite numbers.`);
    }
  }
  if (rows < k) throw new Error(`k-means with ${k} clusters needs at least ${k} rows, got ${rows}.`);
}

export interface KMeansFit extends LloydResult {
  model: KMeansModel;
  /** Clusters that no training row belongs to (only with more clusters than distinct rows). */
  emptyClusters: number;
}

/** The whole fit, with the training labels that `kMeans.fit` does not return. */
export async function fitKMeans(X: Float32Array, rows: number, cols: number, params: Partial<KMeansParams>, ctx: FitContext): Promise<KMeansFit> {
  const p = resolveKMeansParams(params);
  const k = p.clusters;
  checkInputs(X, rows, cols, k);
  const rng = createRng(ctx.seed);
  const tolerance = absoluteTolerance(X, rows, cols, p.tolerance);
  let best: LloydResult | null = null;
  let lastYield = performance.now();
  for (let init = 1; init <= p.initializations; init++) {
    throwIfAborted(ctx.signal);
    const initial = kMeansPlusPlus(X, rows, cols, k, rng);
    const run = await lloyd(X, rows, cols, initial, k, { maxIterations: p.maxIterations, tolerance, signal: ctx.signal });
    // As scikit-learn: a lower inertia that is the same partition is only rounding, not better.
    if (best === null || (run.inertia < best.inertia && !isSameClustering(run.labels, best.labels, k))) best = run;
    ctx.onProgress?.({ epoch: init, epochs: p.initializations, loss: run.inertia });
    if (performance.now() - lastYield > YIELD_MS) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
  }
  throwIfAborted(ctx.signal);
  const result = best as LloydResult;
  const centers = Array.from({ length: k }, (_, c) => Array.from(result.centers.subarray(c * cols, (c + 1) * cols)));
  const sizes = new Int32Array(k);
  for (const label of result.labels) sizes[label]++;
  const emptyClusters = sizes.filter((s) => s === 0).length;
  return { ...result, model: new KMeansModel(centers, result.inertia), emptyClusters };
}

export const kMeans: ModelSpec<KMeansParams> = {
  name: KIND,
  label: 'k-means',
  tasks: ['clustering'],
  defaults: DEFAULTS,

  async fit(X, _y, shape, params, ctx) {
    const { model } = await fitKMeans(X, shape.rows, shape.cols, params, ctx);
    return model;
  },

  fromJSON(json) {
    assertSafeJson(json);
    const o = expectObject(json, '');
    if (o.kind !== KIND) throw shapeError('kind', o.kind, `"${KIND}"`);
    const inputs = expectInteger(o.inputs, 'inputs', 1, 1_000_000);
    const k = expectArray(o.centers, 'centers', undefined, 'rows').length;
    if (k < 2 || k > MAX_CLUSTERS) throw new JsonShapeError('centers', `"centers" has ${k} rows, expected 2 to ${MAX_CLUSTERS}.`);
    const centers = expectFiniteMatrix(o.centers, 'centers', k, inputs);
    const inertia = expectFinite(o.inertia, 'inertia');
    if (inertia < 0) throw shapeError('inertia', inertia, 'a number of at least 0');
    return new KMeansModel(centers, inertia);
  },
};
