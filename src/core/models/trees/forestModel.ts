/**
 * A fitted CART ensemble (one decision tree, a random forest or extra trees): predictions are
 * the average of the trees' leaves, class shares for classification (scikit-learn averages
 * probabilities the same way) or means for regression. Shared by the three model kinds,
 * which differ only in how the trees were grown.
 */
import { expectArray, expectFiniteArray, expectInteger, expectObject, expectOneOf, joinPath, shapeError } from '../../bundle/jsonShape';
import { argmaxClasses } from '../../evaluate/confusionMatrix';
import type { FittedModel, ModelJSON } from '../types';
import { leafOf, treeFromJSON, treeToJSON, type CompactTree } from './compactTree';
import type { TreeEnsemble } from './treeEnsemble';

export class ForestModel implements FittedModel {
  /** Class probabilities; absent for regression so callers can tell the two apart. */
  readonly predictProba?: (X: Float32Array, rows: number, cols: number) => Float64Array;
  private readonly width: number;

  constructor(
    readonly kind: string,
    readonly inputCount: number,
    /** Number of classes, or undefined for regression. */
    readonly classCount: number | undefined,
    private readonly trees: CompactTree[],
    private readonly importance: Float64Array,
  ) {
    this.width = classCount ?? 1;
    if (classCount !== undefined) this.predictProba = (X, rows, cols) => this.average(X, rows, cols);
  }

  /** Mean of the trees' leaf values, row-major rows x width. */
  private average(X: Float32Array, rows: number, cols: number): Float64Array {
    if (cols !== this.inputCount) throw new Error(`The model expects ${this.inputCount} input columns, got ${cols}.`);
    if (X.length < rows * cols) throw new Error(`The input holds ${X.length} values, fewer than ${rows} x ${cols}.`);
    const W = this.width;
    const out = new Float64Array(rows * W);
    for (const tree of this.trees) {
      for (let r = 0; r < rows; r++) {
        const at = leafOf(tree, X, r * cols) * W;
        for (let k = 0; k < W; k++) out[r * W + k] += tree.value[at + k];
      }
    }
    for (let i = 0; i < out.length; i++) out[i] /= this.trees.length;
    return out;
  }

  predict(X: Float32Array, rows: number, cols: number): Float64Array {
    const avg = this.average(X, rows, cols);
    if (this.classCount === undefined) return avg;
    return Float64Array.from(argmaxClasses(avg, rows, this.classCount));
  }

  /** Mean decrease in impurity per input column, normalised to sum to 1 (0s if no split). */
  featureImportance(): Float64Array {
    const total = this.importance.reduce((a, b) => a + b, 0);
    return this.importance.map((v) => (total > 0 ? v / total : 0));
  }

  treeEnsemble(): TreeEnsemble {
    return {
      trees: this.trees,
      outputs: this.width,
      combine: 'average',
      baseline: new Float64Array(this.width),
      space: this.classCount === undefined ? 'value' : 'probability',
    };
  }

  get treeCount(): number {
    return this.trees.length;
  }

  toJSON(): ModelJSON {
    return {
      kind: this.kind,
      inputs: this.inputCount,
      task: this.classCount === undefined ? 'regression' : 'classification',
      ...(this.classCount === undefined ? {} : { classes: this.classCount }),
      importance: Array.from(this.importance),
      trees: this.trees.map(treeToJSON),
    };
  }
}

/** Reads a model of `kind` written by `toJSON`, checking every field of the untrusted file. */
export function parseForestJson(json: unknown, kind: string): ForestModel {
  const o = expectObject(json, '');
  if (o.kind !== kind) throw shapeError('kind', o.kind, `"${kind}"`);
  const inputs = expectInteger(o.inputs, 'inputs', 1, 1_000_000);
  const task = expectOneOf(o.task, 'task', ['classification', 'regression'] as const);
  const classes = task === 'classification' ? expectInteger(o.classes, 'classes', 2, 100_000) : undefined;
  const importance = Float64Array.from(expectFiniteArray(o.importance, 'importance', inputs));
  const list = expectArray(o.trees, 'trees');
  if (list.length === 0) throw shapeError('trees', o.trees, 'at least one tree');
  const trees = list.map((t, i) => treeFromJSON(t, joinPath('trees', i), inputs, classes ?? 1));
  return new ForestModel(kind, inputs, classes, trees, importance);
}
