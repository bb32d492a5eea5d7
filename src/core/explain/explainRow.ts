/**
 * Why the model predicted what it did for one row: each input column's contribution, adding
 * up (with the base value) to the model's output. Tree models whose trees store their cover
 * are explained exactly by TreeSHAP, in the model's own output space; every other model (and
 * a tree model saved before covers were stored) by Kernel SHAP on a seeded background sample,
 * on the predicted value or the class probabilities.
 *
 * TreeSHAP works on the recipe's output columns (one per one-hot category). The values of the
 * columns made from one input column are summed, the usual way to group SHAP values: it keeps
 * base + contributions = output and shows the columns the user knows. (It is not the Shapley
 * value of the category as one player, which is what Kernel SHAP computes.)
 */
import { cellText, columnIndex, takeRows, type Table } from '../data/table';
import { sampleRows } from '../explore/sampleRows';
import { applyRecipe } from '../prep/applyRecipe';
import { recipeFeatureSources } from '../prep/preparedLineage';
import { kernelShap } from './kernelShap';
import { treeEnsembleShap, treeShapEnsemble } from './treeEnsembleShap';
import type { ExplainableModel } from './types';

export type ExplainMethod = 'tree-shap' | 'kernel-shap';

/**
 * What base, output and contributions measure: a regression value, class probabilities, the
 * log-odds of the second class (binary boosting) or per-class raw scores before the softmax.
 */
export type OutputSpace = 'value' | 'probability' | 'log-odds' | 'raw-score';

export interface ExplainRowOptions {
  /** Rows the absent columns are drawn from (Kernel SHAP); default the explained table. */
  background?: Table;
  /** Background rows used, a seeded sample; default 100. */
  backgroundSize?: number;
  seed?: number;
  /** 'auto' (default) uses TreeSHAP when the model supports it. */
  method?: 'auto' | 'kernel-shap';
  /** Kernel SHAP's budget of coalitions (default 2 M + 2048). */
  maxCoalitions?: number;
  signal?: AbortSignal;
}

export interface RowContribution {
  column: string;
  /** The row's value as display text ('' when missing). */
  value: string;
  /** One number, or one per output when there are several (classes). */
  contribution: number | number[];
}

export interface RowExplanation {
  method: ExplainMethod;
  space: OutputSpace;
  /** What each output is: 'prediction' or a class name. */
  outputs: string[];
  /** The expected output (training data for TreeSHAP, background for Kernel SHAP). */
  base: number | number[];
  /** The model's output for the row: base + the sum of the contributions. */
  output: number | number[];
  /** Largest |contribution| first (summed over outputs). */
  contributions: RowContribution[];
  /** Whether the values are exact Shapley values (TreeSHAP always; Kernel SHAP when every coalition fitted the budget). */
  exact: boolean;
  /** Background rows Kernel SHAP averaged over; null for TreeSHAP. */
  backgroundRows: number | null;
}

export const DEFAULT_BACKGROUND_ROWS = 100;

export async function explainRow(model: ExplainableModel, table: Table, row: number, options: ExplainRowOptions = {}): Promise<RowExplanation> {
  const { recipe, task, classes } = model.meta;
  if (task === 'clustering') throw new Error('Row explanations are for classification and regression models.');
  if (!(Number.isInteger(row) && row >= 0 && row < table.rowCount)) throw new Error(`Row ${row} is not in the data (${table.rowCount} rows).`);
  const values = recipe.features.map((name) => {
    const c = columnIndex(table, name);
    if (c < 0) throw new Error(`The data has no column "${name}", which the model needs as an input.`);
    return cellText(table.columns[c], row);
  });
  if (task === 'classification' && !classes) throw new Error('A classifier needs its class names to be explained.');
  const ensemble = options.method === 'kernel-shap' ? null : treeShapEnsemble(model.model);
  const seed = options.seed ?? 0;

  if (ensemble) {
    const { X, featureNames } = applyRecipe(recipe, table, [row]);
    const sources = recipeFeatureSources(recipe);
    if (sources.length !== featureNames.length) throw new Error('The recipe produced columns its fitted steps do not account for.');
    const shap = treeEnsembleShap(ensemble, X, featureNames.length);
    const K = ensemble.outputs;
    const perColumn = new Float64Array(recipe.features.length * K);
    // A model input made from several columns (an interaction, a formula) shares its value equally among them.
    sources.forEach((from, j) => {
      for (const source of from) for (let k = 0; k < K; k++) perColumn[source * K + k] += shap.phi[j * K + k] / from.length;
    });
    // Binary boosting has one output, the log-odds of the second class.
    const outputs = task === 'regression' ? ['prediction'] : ensemble.space === 'log-odds' ? [classes![1]] : classes!.slice();
    return finish({ method: 'tree-shap', space: ensemble.space, outputs, base: shap.base, output: shap.output, exact: true, backgroundRows: null }, recipe.features, values, perColumn);
  }

  const source = options.background ?? table;
  const picks = sampleRows(source.rowCount, options.backgroundSize ?? DEFAULT_BACKGROUND_ROWS, seed);
  const background = takeRows(source, picks);
  const shap = await kernelShap(model.predict, table, row, background, {
    columns: recipe.features,
    classes: task === 'classification' ? classes : undefined,
    maxCoalitions: options.maxCoalitions,
    // Apart from the background sample's stream.
    seed: seed + 1,
    signal: options.signal,
  });
  const space = task === 'regression' ? 'value' : 'probability';
  const { outputs, base, output, exact, backgroundRows } = shap;
  return finish({ method: 'kernel-shap', space, outputs, base, output, exact, backgroundRows }, recipe.features, values, shap.phi);
}

interface Summary {
  method: ExplainMethod;
  space: OutputSpace;
  outputs: string[];
  base: Float64Array;
  output: Float64Array;
  exact: boolean;
  backgroundRows: number | null;
}

/** The result, with one number per output (or a list for several) and the largest contributions first. */
function finish(summary: Summary, columns: readonly string[], values: readonly string[], phi: Float64Array): RowExplanation {
  const K = summary.outputs.length;
  const pack = (a: ArrayLike<number>): number | number[] => (K === 1 ? a[0] : Array.from(a));
  const contributions = columns.map((column, c) => {
    const own = phi.subarray(c * K, (c + 1) * K);
    return { column, value: values[c], contribution: pack(own), size: own.reduce((a, v) => a + Math.abs(v), 0) };
  });
  // Largest first; ties keep the recipe's column order (the sort is stable).
  contributions.sort((a, b) => b.size - a.size);
  return {
    method: summary.method,
    space: summary.space,
    outputs: summary.outputs,
    base: pack(summary.base),
    output: pack(summary.output),
    contributions: contributions.map(({ column, value, contribution }) => ({ column, value, contribution })),
    exact: summary.exact,
    backgroundRows: summary.backgroundRows,
  };
}
