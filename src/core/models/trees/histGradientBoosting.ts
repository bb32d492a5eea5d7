/**
 * Histogram gradient boosting (scikit-learn's HistGradientBoosting, LightGBM's design) for
 * classification and regression: inputs binned into at most 255 quantile bins plus a missing
 * bin, leaf-wise trees on second-order gradients, early stopping on a seeded validation split.
 * Missing (non-finite) inputs are allowed: each split learns which side they go to.
 */
import type { ModelSpec } from '../types';
import { checkTreeInputs } from './checkTreeInputs';
import { fitGbdt } from './gbdtFit';
import { binaryLogLoss, softmaxLogLoss, squaredError } from './gbdtLoss';
import { GBDT_KIND, GbdtModel, parseGbdtJson } from './gbdtModel';
import { GBDT_DEFAULTS, resolveGbdtParams, type GbdtParams } from './gbdtParams';

export type { GbdtParams } from './gbdtParams';
export { GbdtModel } from './gbdtModel';

export const histGradientBoosting: ModelSpec<GbdtParams> = {
  name: GBDT_KIND,
  label: 'Gradient boosting (histogram)',
  // Trees split on category codes directly: one column per category would only slow them down.
  categoricalEncoding: 'ordinal',
  tasks: ['classification', 'regression'],
  defaults: GBDT_DEFAULTS,

  async fit(X, y, shape, params, ctx) {
    const { rows, cols } = shape;
    const p = resolveGbdtParams(params);
    const labels = checkTreeInputs(X, y, shape);
    if (labels) {
      const K = shape.classes!;
      const loss = K === 2 ? binaryLogLoss : softmaxLogLoss(K);
      const fit = await fitGbdt(X, labels, rows, cols, p, loss, ctx, labels);
      return new GbdtModel(cols, K, fit.baseline, fit.trees, fit.gains);
    }
    const fit = await fitGbdt(X, y, rows, cols, p, squaredError, ctx);
    return new GbdtModel(cols, undefined, fit.baseline, fit.trees, fit.gains);
  },

  fromJSON(json) {
    return parseGbdtJson(json);
  },
};
