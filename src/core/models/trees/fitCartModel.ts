/**
 * The fit shared by the CART model kinds: check the inputs, pick the criterion from the task
 * (gini for classification, squared error for regression), grow the trees, wrap them.
 */
import type { FitContext, FitShape } from '../types';
import { checkTreeInputs } from './checkTreeInputs';
import { fitForest } from './forestFit';
import { ForestModel } from './forestModel';
import type { ForestParams } from './forestParams';

export async function fitCartModel(
  kind: string,
  X: Float32Array,
  y: Float64Array | Int32Array,
  shape: FitShape,
  p: ForestParams,
  randomThresholds: boolean,
  ctx: FitContext,
): Promise<ForestModel> {
  const { rows, cols } = shape;
  const labels = checkTreeInputs(X, y, shape);
  if (labels) {
    const fit = await fitForest(X, { classes: shape.classes!, y: labels }, rows, cols, p, randomThresholds, ctx);
    return new ForestModel(kind, cols, shape.classes, fit.trees, fit.importance);
  }
  const fit = await fitForest(X, { classes: 0, y: Float64Array.from(y) }, rows, cols, p, randomThresholds, ctx);
  return new ForestModel(kind, cols, undefined, fit.trees, fit.importance);
}
