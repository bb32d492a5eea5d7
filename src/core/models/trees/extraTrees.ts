/**
 * Extremely randomised trees (Geurts et al. 2006): every row in every tree (no bootstrap), and
 * each split takes the best of one random boundary per tried feature. More randomness than a
 * random forest, so lower variance, and faster to grow.
 */
import type { ModelSpec } from '../types';
import { fitCartModel } from './fitCartModel';
import { parseForestJson } from './forestModel';
import { EXTRA_TREES_DEFAULTS, resolveForestParams, type ForestParams } from './forestParams';

const KIND = 'extra_trees';

export const extraTrees: ModelSpec<ForestParams> = {
  name: KIND,
  label: 'Extra trees',
  // Trees split on category codes directly: one column per category would only slow them down.
  categoricalEncoding: 'ordinal',
  tasks: ['classification', 'regression'],
  defaults: EXTRA_TREES_DEFAULTS,

  async fit(X, y, shape, params, ctx) {
    return fitCartModel(KIND, X, y, shape, resolveForestParams(EXTRA_TREES_DEFAULTS, params), true, ctx);
  },

  fromJSON(json) {
    return parseForestJson(json, KIND);
  },
};
