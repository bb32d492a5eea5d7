/**
 * Random forest (Breiman): trees grown on bootstrap samples, each split choosing among a
 * random subset of the features (sqrt of the columns for classification, all for regression),
 * predictions averaged.
 */
import type { ModelSpec } from '../types';
import { fitCartModel } from './fitCartModel';
import { parseForestJson } from './forestModel';
import { RANDOM_FOREST_DEFAULTS, resolveForestParams, type ForestParams } from './forestParams';

const KIND = 'random_forest';

export const randomForest: ModelSpec<ForestParams> = {
  name: KIND,
  label: 'Random forest',
  // Trees split on category codes directly: one column per category would only slow them down.
  categoricalEncoding: 'ordinal',
  tasks: ['classification', 'regression'],
  defaults: RANDOM_FOREST_DEFAULTS,

  async fit(X, y, shape, params, ctx) {
    return fitCartModel(KIND, X, y, shape, resolveForestParams(RANDOM_FOREST_DEFAULTS, params), false, ctx);
  },

  fromJSON(json) {
    return parseForestJson(json, KIND);
  },
};
