/**
 * A fitted gradient-boosting model: a baseline plus trees, scored in plain TypeScript on the
 * model-ready matrix (raw thresholds, no bins), and its model.json form. Scores are summed in
 * the same order everywhere (baseline, then tree by tree), so a model read back from JSON
 * predicts bit for bit what the fitted one did.
 */
import { expectArray, expectFiniteArray, expectInteger, expectObject, expectOneOf, joinPath, JsonShapeError, shapeError } from '../../bundle/jsonShape';
import { argmaxClasses } from '../../evaluate/confusionMatrix';
import type { FittedModel, ModelJSON } from '../types';
import { leafOf, treeFromJSON, treeToJSON, type CompactTree } from './compactTree';
import { rawToProba } from './gbdtLoss';
import type { TreeEnsemble } from './treeEnsemble';

export const GBDT_KIND = 'hist_gradient_boosting';

export class GbdtModel implements FittedModel {
  readonly kind = GBDT_KIND;
  /** Class probabilities; absent for regression so callers can tell the two apart. */
  readonly predictProba?: (X: Float32Array, rows: number, cols: number) => Float64Array;
  private readonly outputs: number;

  constructor(
    readonly inputCount: number,
    /** Number of classes, or undefined for regression. */
    readonly classCount: number | undefined,
    private readonly baseline: Float64Array,
    private readonly trees: CompactTree[],
    private readonly gains: Float64Array,
  ) {
    this.outputs = baseline.length;
    if (classCount !== undefined) {
      this.predictProba = (X, rows, cols) => rawToProba(this.rawScores(X, rows, cols), rows, classCount);
    }
  }

  /** Raw scores, row-major rows x outputs: log-odds, softmax logits, or the regression value. */
  rawScores(X: Float32Array, rows: number, cols: number): Float64Array {
    if (cols !== this.inputCount) throw new Error(`The model expects ${this.inputCount} input columns, got ${cols}.`);
    if (X.length < rows * cols) throw new Error(`The input holds ${X.length} values, fewer than ${rows} x ${cols}.`);
    const K = this.outputs;
    const out = new Float64Array(rows * K);
    for (let r = 0; r < rows; r++) for (let k = 0; k < K; k++) out[r * K + k] = this.baseline[k];
    // Tree by tree over all rows: one tree's arrays stay in cache while every row walks it.
    for (let t = 0; t < this.trees.length; t++) {
      const tree = this.trees[t];
      const k = t % K;
      const value = tree.value;
      for (let r = 0; r < rows; r++) out[r * K + k] += value[leafOf(tree, X, r * cols)];
    }
    return out;
  }

  predict(X: Float32Array, rows: number, cols: number): Float64Array {
    if (this.classCount === undefined) return this.rawScores(X, rows, cols);
    return Float64Array.from(argmaxClasses(this.predictProba!(X, rows, cols), rows, this.classCount));
  }

  /** Share of the total split gain per input column (sums to 1; all 0 when no tree split). */
  featureImportance(): Float64Array {
    const total = this.gains.reduce((a, b) => a + b, 0);
    return this.gains.map((v) => (total > 0 ? v / total : 0));
  }

  treeEnsemble(): TreeEnsemble {
    const space = this.classCount === undefined ? 'value' : this.outputs === 1 ? 'log-odds' : 'raw-score';
    return { trees: this.trees, outputs: this.outputs, combine: 'sum', baseline: this.baseline.slice(), space };
  }

  /** Boosting rounds actually fitted (fewer than maxIter after early stopping). */
  get rounds(): number {
    return this.trees.length / this.outputs;
  }

  toJSON(): ModelJSON {
    return {
      kind: GBDT_KIND,
      inputs: this.inputCount,
      task: this.classCount === undefined ? 'regression' : 'classification',
      ...(this.classCount === undefined ? {} : { classes: this.classCount }),
      baseline: Array.from(this.baseline),
      gains: Array.from(this.gains),
      trees: this.trees.map(treeToJSON),
    };
  }
}

/** Reads a model written by `toJSON`, checking every field of the untrusted file. */
export function parseGbdtJson(json: unknown): GbdtModel {
  const o = expectObject(json, '');
  if (o.kind !== GBDT_KIND) throw shapeError('kind', o.kind, `"${GBDT_KIND}"`);
  const inputs = expectInteger(o.inputs, 'inputs', 1, 1_000_000);
  const task = expectOneOf(o.task, 'task', ['classification', 'regression'] as const);
  const classes = task === 'classification' ? expectInteger(o.classes, 'classes', 2, 100_000) : undefined;
  const outputs = classes === undefined || classes === 2 ? 1 : classes;
  const baseline = Float64Array.from(expectFiniteArray(o.baseline, 'baseline', outputs));
  const gains = Float64Array.from(expectFiniteArray(o.gains, 'gains', inputs));
  const list = expectArray(o.trees, 'trees');
  if (list.length % outputs !== 0) {
    throw new JsonShapeError('trees', `"trees" has ${list.length} trees, expected a multiple of ${outputs} (one per class per round).`);
  }
  const trees = list.map((t, i) => treeFromJSON(t, joinPath('trees', i), inputs, 1));
  return new GbdtModel(inputs, classes, baseline, trees, gains);
}
