/**
 * Categorical naive Bayes, as scikit-learn's CategoricalNB. The default recipe hands this model
 * each category column as one column of codes 0..m-1 (`categoricalEncoding: 'ordinal'`) and the
 * numbers standardised, but the model is not told which column is which, so fit decides per
 * column: training values that are all integers in 0..maxCategories-1 are categories as they are
 * (m = largest + 1, as CategoricalNB sizes its tables); any other column is cut into `bins`
 * quantile bins of its training values, as KBinsDiscretizer(strategy='quantile', encode='ordinal').
 *
 * A category with no row of some class still gets alpha (Laplace smoothing), so every table
 * entry is finite. A code that the tables do not hold at prediction time (-1, the ordinal step's
 * code for a category unseen in training, or an integer beyond the training range, or a fraction)
 * is left out of that row's score: it adds log 1 = 0 to every class, exactly as if the feature
 * were missing. scikit-learn raises an IndexError there instead. A class with no training rows
 * (shape.classes can exceed the classes present in a small cross-validation fold) has prior 0,
 * so its log prior is -Infinity and its probability exactly 0.
 */
import { assertSafeJson, expectArray, expectFiniteArray, expectFiniteMatrix, expectInteger, expectObject, expectOneOf, joinPath, JsonShapeError, shapeError } from '../bundle/jsonShape';
import { throwIfAborted, yieldToEventLoop } from './abort';
import { checkFitShape } from './denseParams';
import { classProbabilities, predictedClasses } from './naiveBayesScores';
import type { FittedModel, ModelJSON, ModelSpec } from './types';

export type CategoricalNaiveBayesParams = {
  /** Added to every category count (scikit-learn's alpha; 1 is Laplace smoothing). */
  alpha: number;
  /** Quantile bins for a column that is not integer codes (KBinsDiscretizer's n_bins). */
  bins: number;
  /** An integer column with codes up to maxCategories - 1 is taken as categories as it is. */
  maxCategories: number;
};

const KIND = 'categorical_naive_bayes';
const DEFAULTS: CategoricalNaiveBayesParams = { alpha: 1, bins: 10, maxCategories: 50 };
const MAX_CATEGORIES = 100_000;
/** KBinsDiscretizer drops a bin whose width is at most this (it would hold only ties). */
const MIN_BIN_WIDTH = 1e-8;

/**
 * How one input column becomes a category: its own integer code, or the bin of its value among
 * the inner bin edges (scikit-learn's bin_edges_[1:-1]; a value on an edge goes to the bin above).
 */
export type FeatureCoding = { kind: 'category'; categories: number } | { kind: 'bins'; edges: number[] };

/** One input: its coding and `logProbs[k][c]`, the log probability of category c in class k. */
export type CategoricalFeature = FeatureCoding & { logProbs: number[][] };

/** Everything a fitted model holds; `priors[k]` is class k's share of the training rows. */
export interface CategoricalNaiveBayesState {
  features: CategoricalFeature[];
  priors: number[];
}

export function categoryCount(coding: FeatureCoding): number {
  return coding.kind === 'category' ? coding.categories : coding.edges.length + 1;
}

/** The bin of x: how many inner edges are at most x (numpy's searchsorted(side='right')). */
export function binIndex(edges: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** numpy.percentile(sorted, 100 q) with its default linear method, to the same rounding. */
function quantile(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  const at = (n - 1) * q;
  if (at >= n - 1) return sorted[n - 1];
  const lo = Math.floor(at);
  const gamma = at - lo;
  const a = sorted[lo];
  const b = sorted[lo + 1];
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

/**
 * KBinsDiscretizer(n_bins=bins, strategy='quantile')'s inner edges for one column: the
 * quantiles at numpy.linspace(0, 100, bins + 1) percent, less every edge within 1e-8 of the
 * quantile before it (ties), less the outer two. A constant column gives no edges (one bin).
 */
export function quantileEdges(values: ArrayLike<number>, bins: number): number[] {
  const sorted = Float64Array.from(values).sort();
  if (sorted[0] === sorted[sorted.length - 1]) return [];
  const step = 100 / bins;
  const all = Array.from({ length: bins + 1 }, (_, i) => quantile(sorted, i === bins ? 1 : (i * step) / 100));
  const kept = all.filter((edge, i) => i === 0 || edge - all[i - 1] > MIN_BIN_WIDTH);
  return kept.slice(1, -1);
}

/** Category code of x for a feature, or -1 when the tables hold no such category. */
function codeOf(coding: FeatureCoding, x: number): number {
  if (coding.kind === 'bins') return Number.isNaN(x) ? -1 : binIndex(coding.edges, x);
  return Number.isInteger(x) && x >= 0 && x < coding.categories ? x : -1;
}

/** Integer codes 0..maxCategories-1 are categories; anything else is binned by quantiles. */
function chooseCoding(values: Float64Array, params: CategoricalNaiveBayesParams): FeatureCoding {
  let max = 0;
  for (const v of values) {
    // The bound on the largest code, not just on the count of codes, also bounds the table size.
    if (!(Number.isInteger(v) && v >= 0 && v < params.maxCategories)) return { kind: 'bins', edges: quantileEdges(values, params.bins) };
    if (v > max) max = v;
  }
  return { kind: 'category', categories: max + 1 };
}

/** CategoricalNB's log((count + alpha) / sum over categories of (count + alpha)), per class. */
function logProbTable(codes: Int32Array, labels: Int32Array, K: number, categories: number, alpha: number): number[][] {
  const counts = new Float64Array(K * categories);
  for (let r = 0; r < codes.length; r++) counts[labels[r] * categories + codes[r]]++;
  return Array.from({ length: K }, (_, k) => {
    const smoothed = Array.from(counts.subarray(k * categories, (k + 1) * categories), (c) => c + alpha);
    let total = 0;
    for (const s of smoothed) total += s;
    const logTotal = Math.log(total);
    return smoothed.map((s) => Math.log(s) - logTotal);
  });
}

class CategoricalNaiveBayesModel implements FittedModel {
  readonly kind = KIND;
  readonly inputCount: number;
  readonly classCount: number;
  /** Per feature, `logProbs` flattened as [k * categories + c]. */
  private readonly tables: Float64Array[];
  private readonly widths: Int32Array;
  private readonly logPriors: Float64Array;

  constructor(private readonly state: CategoricalNaiveBayesState) {
    this.inputCount = state.features.length;
    this.classCount = state.priors.length;
    this.tables = state.features.map((f) => Float64Array.from(f.logProbs.flat()));
    this.widths = Int32Array.from(state.features, categoryCount);
    this.logPriors = Float64Array.from(state.priors, Math.log);
  }

  /** scikit-learn's joint log likelihood, rows x classes: features summed in order, then the prior. */
  private jointLogLikelihood(X: Float32Array, rows: number, cols: number): Float64Array {
    if (cols !== this.inputCount) throw new Error(`The model expects ${this.inputCount} input columns, got ${cols}.`);
    if (X.length < rows * cols) throw new Error(`The input holds ${X.length} values, fewer than ${rows} x ${cols}.`);
    const K = this.classCount;
    const { features } = this.state;
    const out = new Float64Array(rows * K);
    const codes = new Int32Array(cols);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < cols; j++) codes[j] = codeOf(features[j], X[r * cols + j]);
      for (let k = 0; k < K; k++) {
        let sum = 0;
        for (let j = 0; j < cols; j++) {
          if (codes[j] >= 0) sum += this.tables[j][k * this.widths[j] + codes[j]];
        }
        out[r * K + k] = sum + this.logPriors[k];
      }
    }
    return out;
  }

  predictProba(X: Float32Array, rows: number, cols: number): Float64Array {
    return classProbabilities(this.jointLogLikelihood(X, rows, cols), rows, this.classCount, this.state.priors);
  }

  predict(X: Float32Array, rows: number, cols: number): Float64Array {
    return predictedClasses(this.jointLogLikelihood(X, rows, cols), rows, this.classCount, this.state.priors);
  }

  toJSON(): ModelJSON {
    const { features, priors } = this.state;
    return { kind: KIND, inputs: this.inputCount, classes: this.classCount, priors, features };
  }
}

function resolveParams(params: Partial<CategoricalNaiveBayesParams>): CategoricalNaiveBayesParams {
  const p = { ...DEFAULTS, ...params };
  const check = (name: keyof CategoricalNaiveBayesParams, ok: boolean, expected: string): void => {
    if (!ok) throw new Error(`The parameter "${name}" is ${String(p[name])}; expected ${expected}.`);
  };
  check('alpha', typeof p.alpha === 'number' && Number.isFinite(p.alpha) && p.alpha > 0, "a number above 0 (scikit-learn's default is 1)");
  check('bins', Number.isInteger(p.bins) && p.bins >= 2 && p.bins <= 1000, 'an integer from 2 to 1000');
  check('maxCategories', Number.isInteger(p.maxCategories) && p.maxCategories >= 1 && p.maxCategories <= MAX_CATEGORIES, `an integer from 1 to ${MAX_CATEGORIES}`);
  return p;
}

/** Reads one entry of `features`, checking its coding and that its table holds log probabilities. */
function parseFeature(value: unknown, path: string, classes: number): CategoricalFeature {
  const o = expectObject(value, path);
  const kind = expectOneOf(o.kind, joinPath(path, 'kind'), ['category', 'bins'] as const);
  let coding: FeatureCoding;
  if (kind === 'category') {
    coding = { kind, categories: expectInteger(o.categories, joinPath(path, 'categories'), 1, MAX_CATEGORIES) };
  } else {
    const edgesPath = joinPath(path, 'edges');
    expectArray(o.edges, edgesPath);
    if ((o.edges as unknown[]).length >= MAX_CATEGORIES) throw new JsonShapeError(edgesPath, `"${edgesPath}" has more than ${MAX_CATEGORIES - 1} edges.`);
    const edges = expectFiniteArray(o.edges, edgesPath);
    edges.forEach((e, i) => {
      if (i > 0 && !(e > edges[i - 1])) throw shapeError(joinPath(edgesPath, i), e, `a number above the edge before it (${edges[i - 1]})`);
    });
    coding = { kind, edges };
  }
  const tablePath = joinPath(path, 'logProbs');
  const logProbs = expectFiniteMatrix(o.logProbs, tablePath, classes, categoryCount(coding));
  logProbs.forEach((row, k) => {
    const rowPath = joinPath(tablePath, k);
    row.forEach((v, c) => {
      if (!(v <= 0)) throw shapeError(joinPath(rowPath, c), v, 'a log probability (at most 0)');
    });
    const total = row.reduce((s, v) => s + Math.exp(v), 0);
    if (Math.abs(total - 1) > 1e-6) throw new JsonShapeError(rowPath, `"${rowPath}" are log probabilities summing to ${total}, expected 1.`);
  });
  return { ...coding, logProbs };
}

export const categoricalNaiveBayes: ModelSpec<CategoricalNaiveBayesParams> = {
  name: KIND,
  label: 'Naive Bayes (categorical)',
  tasks: ['classification'],
  defaults: DEFAULTS,
  categoricalEncoding: 'ordinal',

  async fit(X, y, shape, params, ctx) {
    const { rows, cols } = shape;
    const K = shape.classes ?? 0;
    checkFitShape(X, y, rows, cols);
    if (!Number.isInteger(K) || K < 2) throw new Error(`A classifier needs at least 2 classes, got ${K}.`);
    const p = resolveParams(params);
    const labels = Int32Array.from({ length: rows }, (_, i) => y[i]);
    for (let i = 0; i < rows; i++) {
      if (!(labels[i] >= 0 && labels[i] < K && labels[i] === y[i])) throw new Error(`Row ${i + 1} has class ${y[i]}, not one of 0..${K - 1}.`);
    }
    const classCounts = new Float64Array(K);
    for (const k of labels) classCounts[k]++;
    const features: CategoricalFeature[] = [];
    const column = new Float64Array(rows);
    const codes = new Int32Array(rows);
    for (let j = 0; j < cols; j++) {
      throwIfAborted(ctx.signal);
      // Sorting for the bin edges is the slow part on wide data: let a Stop request in.
      if (j % 16 === 15) await yieldToEventLoop();
      for (let r = 0; r < rows; r++) column[r] = X[r * cols + j];
      const coding = chooseCoding(column, p);
      for (let r = 0; r < rows; r++) codes[r] = codeOf(coding, column[r]);
      features.push({ ...coding, logProbs: logProbTable(codes, labels, K, categoryCount(coding), p.alpha) });
    }
    throwIfAborted(ctx.signal);
    return new CategoricalNaiveBayesModel({ features, priors: Array.from(classCounts, (c) => c / rows) });
  },

  fromJSON(json) {
    assertSafeJson(json);
    const o = expectObject(json, '');
    if (o.kind !== KIND) throw shapeError('kind', o.kind, `"${KIND}"`);
    const inputs = expectInteger(o.inputs, 'inputs', 1, 1_000_000);
    const classes = expectInteger(o.classes, 'classes', 2, 100_000);
    const priors = expectFiniteArray(o.priors, 'priors', classes);
    priors.forEach((prior, k) => {
      if (!(prior >= 0 && prior <= 1)) throw shapeError(joinPath('priors', k), prior, 'a number from 0 to 1');
    });
    const total = priors.reduce((s, prior) => s + prior, 0);
    if (Math.abs(total - 1) > 1e-6) throw new JsonShapeError('priors', `"priors" sum to ${total}, expected 1.`);
    const features = expectArray(o.features, 'features', inputs, 'features').map((f, j) => parseFeature(f, joinPath('features', j), classes));
    return new CategoricalNaiveBayesModel({ features, priors });
  },
};
