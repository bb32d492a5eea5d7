/**
 * TreeSHAP for a whole tree model: forests average their trees' SHAP values (as they average
 * the trees' outputs), boosting sums them per output. The values are in the ensemble's own
 * output space (`TreeEnsemble.space`): regression values, forest class probabilities, and for
 * boosting the raw margin before the link, i.e. the log-odds of the second class (binary) or
 * each class's raw score before the softmax (multiclass), where contributions add up.
 */
import type { FittedModel } from '../models/types';
import { leafOf } from '../models/trees/compactTree';
import { treeEnsembleOf, type TreeEnsemble } from '../models/trees/treeEnsemble';
import { hasCover, treeExpectedValue, treeShap } from './treeShap';

export interface TreeShapValues {
  /** The expected output over the training data (per output). */
  base: Float64Array;
  /** The ensemble's output for the row (per output). */
  output: Float64Array;
  /** [feature * outputs + output]; base + the sum over features equals output. */
  phi: Float64Array;
}

/** The model's trees when TreeSHAP can explain it: a tree model whose trees store their cover. */
export function treeShapEnsemble(model: FittedModel): TreeEnsemble | null {
  const ensemble = treeEnsembleOf(model);
  return ensemble && ensemble.trees.length > 0 && ensemble.trees.every(hasCover) ? ensemble : null;
}

/** SHAP values of the row at X[base..base + features) of a model-ready matrix. */
export function treeEnsembleShap(ensemble: TreeEnsemble, X: ArrayLike<number>, features: number, base = 0): TreeShapValues {
  const K = ensemble.outputs;
  const phi = new Float64Array(features * K);
  const expected = Float64Array.from(ensemble.baseline);
  const output = Float64Array.from(ensemble.baseline);
  const row = X instanceof Float32Array ? X : Float32Array.from(X);
  const T = ensemble.trees.length;
  ensemble.trees.forEach((tree, t) => {
    const average = ensemble.combine === 'average';
    const scale = average ? 1 / T : 1;
    const first = average ? 0 : t % K;
    treeShap(tree, row, base, phi, K, first, scale);
    const e = treeExpectedValue(tree);
    const leaf = leafOf(tree, row, base);
    for (let k = 0; k < tree.width; k++) {
      expected[first + k] += scale * e[k];
      output[first + k] += scale * tree.value[leaf * tree.width + k];
    }
  });
  return { base: expected, output, phi };
}
