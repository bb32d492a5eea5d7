/**
 * A read-only view of a fitted tree model's trees and how their leaves combine into outputs,
 * for code that walks the trees itself (TreeSHAP in src/core/explain) without depending on
 * which model kind grew them.
 */
import type { FittedModel } from '../types';
import type { CompactTree } from './compactTree';

export interface TreeEnsemble {
  trees: readonly CompactTree[];
  /** Numbers the ensemble outputs per row. */
  outputs: number;
  /**
   * 'average' (forests): every leaf holds all `outputs` values and the ensemble averages the
   * trees. 'sum' (boosting): tree t's one-value leaves add to output `t % outputs`, after
   * `baseline`.
   */
  combine: 'average' | 'sum';
  /** Added to each output before the trees (zeros for forests). */
  baseline: Float64Array;
  /**
   * What the outputs are: a regression value, class probabilities (forests), the log-odds of
   * the second class (binary boosting) or per-class raw scores before the softmax (multiclass
   * boosting).
   */
  space: 'value' | 'probability' | 'log-odds' | 'raw-score';
}

interface HasTreeEnsemble {
  treeEnsemble(): TreeEnsemble;
}

/** The model's trees, or null for a model that is not a tree ensemble. */
export function treeEnsembleOf(model: FittedModel): TreeEnsemble | null {
  const candidate = model as Partial<HasTreeEnsemble>;
  return typeof candidate.treeEnsemble === 'function' ? candidate.treeEnsemble() : null;
}
